import { z } from "zod";
import { sseFrame } from "@/lib/http/sse";
import { DrawingIdSchema } from "@/lib/commands/schema";
import { SymbolSchema, TimeframeSchema } from "@/lib/market/values";

/**
 * The ChatKit wire protocol as openai/chatkit-python 1.6.5 defines it (`chatkit/types.py`,
 * `chatkit/widgets.py`, `chatkit/actions.py`; see lib/chatkit/README.md for the commits read).
 * Client-importable: zod and shared value schemas only, no server or Node imports, so the
 * built-in chat panel validates what it reads with the same schemas the server writes.
 *
 * Inputs are lenient the way pydantic is (unknown fields ignored, defaults filled in);
 * outputs follow the Python server's serialisation (`exclude_none`: absent rather than null).
 */

const Str = z.string();
const Id = z.string().min(1).max(128);
const Json = z.record(z.string(), z.unknown());
/** chatkit-python emits `datetime.isoformat()`; we emit ISO-8601 with `Z`. */
const Timestamp = z.string();

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
/** A user question, as the chart action bounds it: 1..4000 code points after trimming. */
export const MAX_QUESTION_CHARS = 4000;

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), has_more: z.boolean(), after: Str.nullish() });
}

// ---------------------------------------------------------------- actions (actions.py)

export const ACTION_HANDLERS = ["client", "server"] as const;
export const ActionConfigSchema = z.object({
  type: Str,
  payload: z.unknown().optional(),
  handler: z.enum(ACTION_HANDLERS).optional(),
  loadingBehavior: z.enum(["auto", "none", "self", "container"]).optional(),
  streaming: z.boolean().optional(),
});
export type ActionConfig = z.output<typeof ActionConfigSchema>;

/** What a client sends back when a widget action fires (`Action[str, Any]`). */
export const ActionSchema = z.object({ type: Str.min(1).max(128), payload: z.unknown().optional() });
export type Action = z.output<typeof ActionSchema>;

// ---------------------------------------------------------------- widgets (widgets.py, chatkit-js widgets.d.ts)

const ThemeColor = z.object({ dark: Str, light: Str });
const Color = z.union([Str, ThemeColor]);
const Size = z.union([z.number(), Str]);
const TextSize = z.enum(["xs", "sm", "md", "lg", "xl"]);
const Weight = z.enum(["normal", "medium", "semibold", "bold"]);
const TextAlign = z.enum(["start", "center", "end"]);
const Alignment = z.enum(["start", "center", "end", "baseline", "stretch"]);
const Justification = z.enum(["start", "center", "end", "between", "around", "evenly", "stretch"]);
const ControlVariant = z.enum(["solid", "soft", "outline", "ghost"]);
const ControlSize = z.enum(["3xs", "2xs", "xs", "sm", "md", "lg", "xl", "2xl", "3xl"]);
const Base = { key: Str.optional(), id: Str.optional() };

export const TextWidgetSchema = z.object({
  ...Base,
  type: z.literal("Text"),
  value: Str,
  streaming: z.boolean().optional(),
  italic: z.boolean().optional(),
  lineThrough: z.boolean().optional(),
  color: Color.optional(),
  weight: Weight.optional(),
  size: TextSize.optional(),
  textAlign: TextAlign.optional(),
  truncate: z.boolean().optional(),
  maxLines: z.number().int().optional(),
});
export const TitleWidgetSchema = z.object({
  ...Base,
  type: z.literal("Title"),
  value: Str,
  color: Color.optional(),
  weight: Weight.optional(),
  size: z.enum(["sm", "md", "lg", "xl", "2xl", "3xl", "4xl", "5xl"]).optional(),
  textAlign: TextAlign.optional(),
  truncate: z.boolean().optional(),
});
export const CaptionWidgetSchema = z.object({
  ...Base,
  type: z.literal("Caption"),
  value: Str,
  color: Color.optional(),
  weight: Weight.optional(),
  size: z.enum(["sm", "md", "lg"]).optional(),
  textAlign: TextAlign.optional(),
  truncate: z.boolean().optional(),
});
export const MarkdownWidgetSchema = z.object({ ...Base, type: z.literal("Markdown"), value: Str, streaming: z.boolean().optional() });
export const BADGE_COLORS = ["secondary", "success", "danger", "warning", "info", "discovery"] as const;
export const BadgeWidgetSchema = z.object({
  ...Base,
  type: z.literal("Badge"),
  label: Str,
  color: z.enum(BADGE_COLORS).optional(),
  variant: z.enum(["solid", "soft", "outline"]).optional(),
  size: z.enum(["sm", "md", "lg"]).optional(),
  pill: z.boolean().optional(),
});
export const ButtonWidgetSchema = z.object({
  ...Base,
  type: z.literal("Button"),
  label: Str.optional(),
  onClickAction: ActionConfigSchema.optional(),
  iconStart: Str.optional(),
  iconEnd: Str.optional(),
  style: z.enum(["primary", "secondary"]).optional(),
  color: z.enum(["primary", "secondary", "info", "discovery", "success", "caution", "warning", "danger"]).optional(),
  variant: ControlVariant.optional(),
  size: ControlSize.optional(),
  pill: z.boolean().optional(),
  block: z.boolean().optional(),
  disabled: z.boolean().optional(),
});
export const DividerWidgetSchema = z.object({ ...Base, type: z.literal("Divider"), color: Color.optional(), size: Size.optional(), spacing: Size.optional(), flush: z.boolean().optional() });
export const SpacerWidgetSchema = z.object({ ...Base, type: z.literal("Spacer"), minSize: Size.optional() });
export const IconWidgetSchema = z.object({ ...Base, type: z.literal("Icon"), name: Str, color: Color.optional(), size: Str.optional() });

const BoxProps = {
  align: Alignment.optional(),
  justify: Justification.optional(),
  wrap: z.enum(["nowrap", "wrap", "wrap-reverse"]).optional(),
  flex: Size.optional(),
  gap: Size.optional(),
  padding: z.union([Size, z.record(z.string(), Size)]).optional(),
  margin: z.union([Size, z.record(z.string(), Size)]).optional(),
  width: Size.optional(),
  height: Size.optional(),
  background: Color.optional(),
};

type Leaf =
  | z.output<typeof TextWidgetSchema>
  | z.output<typeof TitleWidgetSchema>
  | z.output<typeof CaptionWidgetSchema>
  | z.output<typeof MarkdownWidgetSchema>
  | z.output<typeof BadgeWidgetSchema>
  | z.output<typeof ButtonWidgetSchema>
  | z.output<typeof DividerWidgetSchema>
  | z.output<typeof SpacerWidgetSchema>
  | z.output<typeof IconWidgetSchema>;
type BoxLike = { key?: string; id?: string; children?: WidgetComponent[] } & Partial<Record<keyof typeof BoxProps, unknown>>;
/** Layout containers (`Row`, `Col`, `Box`) and the leaves our cards use. */
export type WidgetComponent = Leaf | (BoxLike & { type: "Row" | "Col" }) | (BoxLike & { type: "Box"; direction?: "row" | "col" });

const children = (): z.ZodType<WidgetComponent[]> => z.array(WidgetComponentSchema);
export const RowWidgetSchema = z.object({ ...Base, ...BoxProps, type: z.literal("Row"), get children() { return children().optional(); } });
export const ColWidgetSchema = z.object({ ...Base, ...BoxProps, type: z.literal("Col"), get children() { return children().optional(); } });
export const BoxWidgetSchema = z.object({
  ...Base,
  ...BoxProps,
  type: z.literal("Box"),
  direction: z.enum(["row", "col"]).optional(),
  get children() {
    return children().optional();
  },
});

/**
 * Components a server of ours may put in a widget. chatkit-python accepts more (forms,
 * inputs, charts); we validate only what we emit so a client can render every node it accepts.
 */
export const WidgetComponentSchema: z.ZodType<WidgetComponent> = z.lazy(() =>
  z.discriminatedUnion("type", [
    TextWidgetSchema,
    TitleWidgetSchema,
    CaptionWidgetSchema,
    MarkdownWidgetSchema,
    BadgeWidgetSchema,
    ButtonWidgetSchema,
    DividerWidgetSchema,
    SpacerWidgetSchema,
    IconWidgetSchema,
    RowWidgetSchema,
    ColWidgetSchema,
    BoxWidgetSchema,
  ]),
) as z.ZodType<WidgetComponent>;

const WidgetStatus = z.object({ text: Str, icon: Str.optional(), favicon: Str.optional(), frame: z.boolean().optional() });
export const CardWidgetSchema = z.object({
  ...Base,
  type: z.literal("Card"),
  children: z.array(WidgetComponentSchema),
  size: z.enum(["sm", "md", "lg", "full"]).optional(),
  padding: z.union([Size, z.record(z.string(), Size)]).optional(),
  background: Color.optional(),
  status: WidgetStatus.optional(),
  collapsed: z.boolean().optional(),
  theme: z.enum(["light", "dark"]).optional(),
});
export const ListViewItemWidgetSchema = z.object({
  ...Base,
  type: z.literal("ListViewItem"),
  children: z.array(WidgetComponentSchema),
  onClickAction: ActionConfigSchema.optional(),
  gap: Size.optional(),
  align: Alignment.optional(),
});
export const ListViewWidgetSchema = z.object({
  ...Base,
  type: z.literal("ListView"),
  children: z.array(ListViewItemWidgetSchema),
  limit: z.union([z.number().int(), z.literal("auto")]).optional(),
  status: WidgetStatus.optional(),
  theme: z.enum(["light", "dark"]).optional(),
});
export const WidgetRootSchema = z.discriminatedUnion("type", [CardWidgetSchema, ListViewWidgetSchema]);
export type WidgetRoot = z.output<typeof WidgetRootSchema>;
export type CardWidget = z.output<typeof CardWidgetSchema>;
export type ButtonWidget = z.output<typeof ButtonWidgetSchema>;

// ---------------------------------------------------------------- our widget actions (CONTRACT.md)

/** Tools a "Same on 1h / 1W" button may re-run: the ones that draw levels or patterns. */
export const ANALYZE_ACTION_TOOLS = ["support_resistance", "trendlines", "detect_patterns", "candlestick_patterns", "fibonacci"] as const;
export type AnalyzeActionTool = (typeof ANALYZE_ACTION_TOOLS)[number];

export const RemoveDrawingActionSchema = z.object({
  type: z.literal("chart.remove_drawing"),
  payload: z.object({ id: DrawingIdSchema }),
});
export const AnalyzeActionSchema = z.object({
  type: z.literal("chart.analyze"),
  payload: z.object({
    tool: z.enum(ANALYZE_ACTION_TOOLS),
    timeframe: TimeframeSchema,
    /** Ours on top of the contract's `{tool, timeframe}`: the chart the card was about. */
    symbol: SymbolSchema.optional(),
  }),
});
export const ChartActionSchema = z.discriminatedUnion("type", [RemoveDrawingActionSchema, AnalyzeActionSchema]);
export type ChartAction = z.output<typeof ChartActionSchema>;

// ---------------------------------------------------------------- thread items (types.py)

const ItemBase = { id: Id, thread_id: Id, created_at: Timestamp };

export const UserMessageTextContentSchema = z.object({ type: z.literal("input_text"), text: Str });
export const UserMessageTagContentSchema = z.object({
  type: z.literal("input_tag"),
  id: Str,
  text: Str,
  data: Json.default({}),
  group: Str.nullish(),
  interactive: z.boolean().default(false),
});
export const UserMessageContentSchema = z.discriminatedUnion("type", [UserMessageTextContentSchema, UserMessageTagContentSchema]);
export type UserMessageContent = z.output<typeof UserMessageContentSchema>;

export const InferenceOptionsSchema = z.object({
  tool_choice: z.object({ id: Str }).nullish(),
  model: Str.nullish(),
});

export const AttachmentSchema = z.object({
  type: z.enum(["file", "image"]),
  id: Str,
  name: Str,
  mime_type: Str,
  preview_url: Str.optional(),
  thread_id: Str.nullish(),
});

export const AnnotationSchema = z.object({ type: z.literal("annotation"), source: Json, index: z.number().int().nullish() });
export const AssistantMessageContentSchema = z.object({
  type: z.literal("output_text"),
  text: Str,
  annotations: z.array(AnnotationSchema).default([]),
});
export type AssistantMessageContent = z.output<typeof AssistantMessageContentSchema>;

export const UserMessageItemSchema = z.object({
  ...ItemBase,
  type: z.literal("user_message"),
  content: z.array(UserMessageContentSchema),
  attachments: z.array(AttachmentSchema).default([]),
  quoted_text: Str.nullish(),
  inference_options: InferenceOptionsSchema.default({}),
});
export const AssistantMessageItemSchema = z.object({
  ...ItemBase,
  type: z.literal("assistant_message"),
  content: z.array(AssistantMessageContentSchema),
});
export const ClientToolCallItemSchema = z.object({
  ...ItemBase,
  type: z.literal("client_tool_call"),
  status: z.enum(["pending", "completed"]).default("pending"),
  call_id: Str,
  name: Str,
  arguments: Json,
  output: z.unknown().optional(),
});
export const WidgetItemSchema = z.object({
  ...ItemBase,
  type: z.literal("widget"),
  widget: WidgetRootSchema,
  copy_text: Str.nullish(),
});
export const TaskSchema = z.object({
  type: z.enum(["custom", "web_search", "thought", "file", "image"]),
  status_indicator: z.enum(["none", "loading", "complete"]).optional(),
  title: Str.nullish(),
  icon: Str.nullish(),
  content: Str.nullish(),
});
export const TaskItemSchema = z.object({ ...ItemBase, type: z.literal("task"), task: TaskSchema });
export const WorkflowItemSchema = z.object({
  ...ItemBase,
  type: z.literal("workflow"),
  workflow: z.object({
    type: z.enum(["custom", "reasoning"]),
    tasks: z.array(TaskSchema),
    summary: z.union([z.object({ title: Str, icon: Str.nullish() }), z.object({ duration: z.number().int() })]).nullish(),
    expanded: z.boolean().default(false),
  }),
});
export const EndOfTurnItemSchema = z.object({ ...ItemBase, type: z.literal("end_of_turn") });
/** Never sent to a client (the server swallows them); kept in the thread for the model. */
export const HiddenContextItemSchema = z.object({ ...ItemBase, type: z.literal("hidden_context_item"), content: z.unknown() });
export const SdkHiddenContextItemSchema = z.object({ ...ItemBase, type: z.literal("sdk_hidden_context"), content: Str });

export const ThreadItemSchema = z.discriminatedUnion("type", [
  UserMessageItemSchema,
  AssistantMessageItemSchema,
  ClientToolCallItemSchema,
  WidgetItemSchema,
  TaskItemSchema,
  WorkflowItemSchema,
  EndOfTurnItemSchema,
  HiddenContextItemSchema,
  SdkHiddenContextItemSchema,
]);
export type ThreadItem = z.output<typeof ThreadItemSchema>;
export type UserMessageItem = z.output<typeof UserMessageItemSchema>;
export type AssistantMessageItem = z.output<typeof AssistantMessageItemSchema>;
export type ClientToolCallItem = z.output<typeof ClientToolCallItemSchema>;
export type WidgetItem = z.output<typeof WidgetItemSchema>;
export type HiddenContextItem = z.output<typeof HiddenContextItemSchema>;
export type SdkHiddenContextItem = z.output<typeof SdkHiddenContextItemSchema>;

export function isHiddenItem(item: ThreadItem): item is HiddenContextItem | SdkHiddenContextItem {
  return item.type === "hidden_context_item" || item.type === "sdk_hidden_context";
}

// ---------------------------------------------------------------- threads

export const ThreadStatusSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("active") }),
  z.object({ type: z.literal("locked"), reason: Str.nullish() }),
  z.object({ type: z.literal("closed"), reason: Str.nullish() }),
]);
export const ThreadMetadataSchema = z.object({
  id: Id,
  title: Str.nullish(),
  created_at: Timestamp,
  status: ThreadStatusSchema.default({ type: "active" }),
  allowed_image_domains: z.array(Str).nullish(),
  metadata: Json.default({}),
});
export type ThreadMetadata = z.output<typeof ThreadMetadataSchema>;

export const ThreadItemPageSchema = pageSchema(ThreadItemSchema);
export type ThreadItemPage = z.output<typeof ThreadItemPageSchema>;
/** A thread as the server answers it: metadata (minus `metadata`) with a page of items. */
export const ThreadSchema = ThreadMetadataSchema.omit({ metadata: true }).extend({ items: ThreadItemPageSchema });
export type Thread = z.output<typeof ThreadSchema>;
export const ThreadPageSchema = pageSchema(ThreadSchema);
export type ThreadPage = z.output<typeof ThreadPageSchema>;

export interface Page<T> {
  data: T[];
  has_more: boolean;
  after?: string | null;
}

// ---------------------------------------------------------------- requests

const Metadata = Json.nullish().transform((v) => v ?? {});
const ThreadIdParam = { thread_id: Id };
const Order = z.enum(["asc", "desc"]).default("desc");
const Limit = z.number().int().min(1).max(MAX_PAGE_SIZE).nullish();
const After = Id.nullish();

/** `UserMessageInput`; the text (all `input_text` and tag parts) must be 1..4000 code points. */
export const UserMessageInputSchema = z
  .object({
    content: z.array(UserMessageContentSchema).max(64),
    attachments: z.array(Str).default([]),
    quoted_text: Str.max(MAX_QUESTION_CHARS).nullish(),
    inference_options: InferenceOptionsSchema.nullish().transform((v) => v ?? {}),
  })
  .superRefine((input, ctx) => {
    const text = userInputText(input.content);
    const chars = [...text].length;
    if (chars === 0 || chars > MAX_QUESTION_CHARS) {
      ctx.addIssue({ code: "custom", path: ["content"], message: `expected a message of 1 to ${MAX_QUESTION_CHARS} characters` });
    }
    if (input.attachments.length > 0) {
      ctx.addIssue({ code: "custom", path: ["attachments"], message: "attachments are not supported by this server" });
    }
  });
export type UserMessageInput = z.output<typeof UserMessageInputSchema>;

/** The question a user message asks: its text parts joined, trimmed. */
export function userInputText(content: readonly UserMessageContent[]): string {
  return content
    .map((c) => c.text)
    .join(" ")
    .trim();
}

const req = <T extends string, P extends z.ZodType>(type: T, params: P) => z.object({ type: z.literal(type), params, metadata: Metadata });

export const ThreadsCreateReqSchema = req("threads.create", z.object({ input: UserMessageInputSchema }));
export const ThreadsAddUserMessageReqSchema = req("threads.add_user_message", z.object({ ...ThreadIdParam, input: UserMessageInputSchema }));
export const ThreadsAddClientToolOutputReqSchema = req("threads.add_client_tool_output", z.object({ ...ThreadIdParam, result: z.unknown() }));
export const ThreadsAddStructuredInputReqSchema = req(
  "threads.add_structured_input",
  z.object({
    ...ThreadIdParam,
    item_id: Id,
    input: z.object({
      status: z.enum(["answered", "skipped"]).default("answered"),
      answers: z.record(z.string(), z.object({ values: z.array(Str).default([]), skipped: z.boolean().default(false) })).default({}),
    }),
  }),
);
export const ThreadsRetryAfterItemReqSchema = req("threads.retry_after_item", z.object({ ...ThreadIdParam, item_id: Id }));
const CustomActionParams = z.object({ ...ThreadIdParam, item_id: Id.nullish(), action: ActionSchema });
export const ThreadsCustomActionReqSchema = req("threads.custom_action", CustomActionParams);
export const ThreadsSyncCustomActionReqSchema = req("threads.sync_custom_action", CustomActionParams);
export const ThreadsGetByIdReqSchema = req("threads.get_by_id", z.object(ThreadIdParam));
export const ThreadsListReqSchema = req("threads.list", z.object({ limit: Limit, order: Order, after: After }).default({ order: "desc" }));
export const ItemsListReqSchema = req("items.list", z.object({ ...ThreadIdParam, limit: Limit, order: Order, after: After }));
export const ItemsFeedbackReqSchema = req("items.feedback", z.object({ ...ThreadIdParam, item_ids: z.array(Id).min(1).max(100), kind: z.enum(["positive", "negative"]) }));
export const ThreadsUpdateReqSchema = req("threads.update", z.object({ ...ThreadIdParam, title: Str.trim().min(1).max(200) }));
export const ThreadsDeleteReqSchema = req("threads.delete", z.object(ThreadIdParam));
export const AttachmentsCreateReqSchema = req("attachments.create", z.object({ name: Str, size: z.number().int(), mime_type: Str }));
export const AttachmentsDeleteReqSchema = req("attachments.delete", z.object({ attachment_id: Str }));
export const InputTranscribeReqSchema = req("input.transcribe", z.object({ audio_base64: Str, mime_type: Str }));

export const STREAMING_REQUEST_TYPES = [
  "threads.create",
  "threads.add_user_message",
  "threads.add_client_tool_output",
  "threads.add_structured_input",
  "threads.retry_after_item",
  "threads.custom_action",
] as const;
export const JSON_REQUEST_TYPES = [
  "threads.get_by_id",
  "threads.list",
  "items.list",
  "items.feedback",
  "threads.update",
  "threads.delete",
  "threads.sync_custom_action",
  "attachments.create",
  "attachments.delete",
  "input.transcribe",
] as const;
export const REQUEST_TYPES = [...STREAMING_REQUEST_TYPES, ...JSON_REQUEST_TYPES] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];
export type StreamingRequestType = (typeof STREAMING_REQUEST_TYPES)[number];
export type JsonRequestType = (typeof JSON_REQUEST_TYPES)[number];

export const ChatKitRequestSchema = z.discriminatedUnion("type", [
  ThreadsCreateReqSchema,
  ThreadsAddUserMessageReqSchema,
  ThreadsAddClientToolOutputReqSchema,
  ThreadsAddStructuredInputReqSchema,
  ThreadsRetryAfterItemReqSchema,
  ThreadsCustomActionReqSchema,
  ThreadsSyncCustomActionReqSchema,
  ThreadsGetByIdReqSchema,
  ThreadsListReqSchema,
  ItemsListReqSchema,
  ItemsFeedbackReqSchema,
  ThreadsUpdateReqSchema,
  ThreadsDeleteReqSchema,
  AttachmentsCreateReqSchema,
  AttachmentsDeleteReqSchema,
  InputTranscribeReqSchema,
]);
export type ChatKitRequest = z.output<typeof ChatKitRequestSchema>;
/** What a client sends (defaults not yet applied): for typed request builders. */
export type ChatKitRequestInput = z.input<typeof ChatKitRequestSchema>;

export function isStreamingType(type: string): type is StreamingRequestType {
  return (STREAMING_REQUEST_TYPES as readonly string[]).includes(type);
}

// ---------------------------------------------------------------- thread item updates

export const ThreadItemUpdateSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("assistant_message.content_part.added"), content_index: z.number().int().min(0), content: AssistantMessageContentSchema }),
  z.object({ type: z.literal("assistant_message.content_part.text_delta"), content_index: z.number().int().min(0), delta: Str }),
  z.object({
    type: z.literal("assistant_message.content_part.annotation_added"),
    content_index: z.number().int().min(0),
    annotation_index: z.number().int().min(0),
    annotation: AnnotationSchema,
  }),
  z.object({ type: z.literal("assistant_message.content_part.done"), content_index: z.number().int().min(0), content: AssistantMessageContentSchema }),
  z.object({ type: z.literal("widget.streaming_text.value_delta"), component_id: Str, delta: Str, done: z.boolean() }),
  z.object({ type: z.literal("widget.root.updated"), widget: WidgetRootSchema }),
  z.object({ type: z.literal("widget.component.updated"), component_id: Str, component: WidgetComponentSchema }),
  z.object({ type: z.literal("workflow.task.added"), task_index: z.number().int().min(0), task: TaskSchema }),
  z.object({ type: z.literal("workflow.task.updated"), task_index: z.number().int().min(0), task: TaskSchema }),
]);
export type ThreadItemUpdate = z.output<typeof ThreadItemUpdateSchema>;

// ---------------------------------------------------------------- stream events

export const ThreadCreatedEventSchema = z.object({ type: z.literal("thread.created"), thread: ThreadSchema });
export const ThreadUpdatedEventSchema = z.object({ type: z.literal("thread.updated"), thread: ThreadSchema });
export const ThreadItemAddedEventSchema = z.object({ type: z.literal("thread.item.added"), item: ThreadItemSchema });
export const ThreadItemUpdatedEventSchema = z.object({ type: z.literal("thread.item.updated"), item_id: Id, update: ThreadItemUpdateSchema });
export const ThreadItemDoneEventSchema = z.object({ type: z.literal("thread.item.done"), item: ThreadItemSchema });
export const ThreadItemRemovedEventSchema = z.object({ type: z.literal("thread.item.removed"), item_id: Id });
export const ThreadItemReplacedEventSchema = z.object({ type: z.literal("thread.item.replaced"), item: ThreadItemSchema });
export const StreamOptionsEventSchema = z.object({ type: z.literal("stream_options"), stream_options: z.object({ allow_cancel: z.boolean() }) });
export const ProgressUpdateEventSchema = z.object({ type: z.literal("progress_update"), icon: Str.nullish(), text: Str });
export const ClientEffectEventSchema = z.object({ type: z.literal("client_effect"), name: Str, data: Json.default({}) });
/** `code` is `stream.error` (the only ErrorCode chatkit-python defines) or `custom` with a `message`. */
export const ErrorEventSchema = z.object({ type: z.literal("error"), code: Str.default("custom"), message: Str.nullish(), allow_retry: z.boolean().default(false) });
export const NoticeEventSchema = z.object({ type: z.literal("notice"), level: z.enum(["info", "warning", "danger"]), message: Str, title: Str.nullish() });

export const ThreadStreamEventSchema = z.discriminatedUnion("type", [
  ThreadCreatedEventSchema,
  ThreadUpdatedEventSchema,
  ThreadItemAddedEventSchema,
  ThreadItemUpdatedEventSchema,
  ThreadItemDoneEventSchema,
  ThreadItemRemovedEventSchema,
  ThreadItemReplacedEventSchema,
  StreamOptionsEventSchema,
  ProgressUpdateEventSchema,
  ClientEffectEventSchema,
  ErrorEventSchema,
  NoticeEventSchema,
]);
export type ThreadStreamEvent = z.output<typeof ThreadStreamEventSchema>;
export type ThreadStreamEventType = ThreadStreamEvent["type"];
export type ErrorEvent = z.output<typeof ErrorEventSchema>;
export type NoticeEvent = z.output<typeof NoticeEventSchema>;

/** The `client_effect` our server sends with drawing commands (validate `data.commands` with ChartCommandSchema). */
export const CHART_COMMANDS_EFFECT = "chart_commands";
/** Request header carrying the page's ChartContext as JSON, at most CHART_CONTEXT_HEADER_MAX_BYTES. */
export const CHART_CONTEXT_HEADER = "x-chart-context";
/** The page leaves a longer context out, and the server ignores one (CONTRACT.md). */
export const CHART_CONTEXT_HEADER_MAX_BYTES = 2048;
export const STREAM_ERROR_CODE = "stream.error";

// ---------------------------------------------------------------- JSON responses

export const SyncCustomActionResponseSchema = z.object({ updated_item: ThreadItemSchema.nullish() });
export type SyncCustomActionResponse = z.output<typeof SyncCustomActionResponseSchema>;
export const EmptyResponseSchema = z.object({});

/** What each JSON request type answers (attachments and transcription answer 400, see README). */
export const JSON_RESPONSE_SCHEMAS = {
  "threads.get_by_id": ThreadSchema,
  "threads.list": ThreadPageSchema,
  "items.list": ThreadItemPageSchema,
  "items.feedback": EmptyResponseSchema,
  "threads.update": ThreadSchema,
  "threads.delete": EmptyResponseSchema,
  "threads.sync_custom_action": SyncCustomActionResponseSchema,
} as const;

// ---------------------------------------------------------------- SSE framing

/** One event as chatkit-python frames it. */
export function encodeEvent(event: ThreadStreamEvent): string {
  return sseFrame(event);
}
