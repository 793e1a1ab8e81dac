import "server-only";
import type { ChartCommand } from "@/lib/commands/schema";
import type { ChartContext } from "@/lib/market/values";
import type { AgentAnswer, AgentEvent, AgentRequest, ConversationTurn, ToolName, ToolOnChartRequest } from "@/lib/orchestrator/types";
import { EventQueue } from "./event-queue";
import {
  CHART_COMMANDS_EFFECT,
  userInputText,
  type AssistantMessageItem,
  type ChartAction,
  type SyncCustomActionResponse,
  type ThreadItem,
  type ThreadMetadata,
  type ThreadStreamEvent,
  type UserMessageItem,
  type WidgetItem,
} from "./protocol";
import type { ThreadStore } from "./store/types";
import { buildAnswerCard, cardCopyText, removeDrawingRow } from "./widget";

export type AgentRunner = (req: AgentRequest) => Promise<AgentAnswer>;
/** Runs one registry tool on a named chart (a card's "Same on 1h / 1W"). */
export type ToolOnChartRunner = (req: ToolOnChartRequest) => Promise<AgentAnswer>;

/** The orchestrator, loaded on first use so the protocol layer can be exercised without it. */
const orchestratorRunAgent: AgentRunner = async (req) => (await import("@/lib/orchestrator/agent")).runAgent(req);
const orchestratorRunToolOnChart: ToolOnChartRunner = async (req) => (await import("@/lib/orchestrator/tool-on-chart")).runToolOnChart(req);

export interface ResponderContext {
  userId: string;
  chartContext: ChartContext | null;
  signal: AbortSignal;
  /** Read-only use (history, ids); the server persists what the responder yields. */
  store: ThreadStore;
  now(): string;
  /**
   * The request created the thread, so it holds nothing before the question being answered
   * and its history is not read back (a read makes the SQLite store commit at once, outside
   * the batch it would have shared with concurrent answers).
   */
  newThread?: boolean;
}

/**
 * chatkit-python's `respond` / `action` / `sync_action`: a responder only yields events (and
 * may set `thread.title`); the server stores items and sends `thread.updated`.
 */
export interface Responder {
  respond(thread: ThreadMetadata, input: UserMessageItem | null, ctx: ResponderContext): AsyncIterable<ThreadStreamEvent>;
  action(thread: ThreadMetadata, action: ChartAction, sender: WidgetItem | null, ctx: ResponderContext): AsyncIterable<ThreadStreamEvent>;
  syncAction(thread: ThreadMetadata, action: ChartAction, sender: WidgetItem | null, ctx: ResponderContext): Promise<SyncCustomActionResponse>;
}

const TITLE_CHARS = 60;
const HISTORY_ITEMS = 20;

const TOOL_ICONS: Partial<Record<ToolName, string>> = {
  support_resistance: "chart",
  trendlines: "chart",
  detect_patterns: "search",
  candlestick_patterns: "search",
  fibonacci: "chart",
  market_summary: "analytics",
  get_chart_context: "info",
};

/** The thread's title: its first question on one line, cut at a word near 60 characters. */
export function titleFor(question: string): string {
  const line = question.replace(/\s+/g, " ").trim();
  const chars = [...line];
  if (chars.length <= TITLE_CHARS) return line;
  const cut = chars.slice(0, TITLE_CHARS).join("");
  const space = cut.lastIndexOf(" ");
  return `${(space > TITLE_CHARS / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

function itemText(item: ThreadItem): string {
  if (item.type === "user_message") return userInputText(item.content);
  if (item.type === "assistant_message") return item.content.map((c) => c.text).join("");
  return "";
}

/** The conversation before `beforeItemId`, oldest first, user and assistant text only. */
async function recentHistory(store: ThreadStore, userId: string, threadId: string, beforeItemId: string | null): Promise<ConversationTurn[]> {
  const page = await store.loadThreadItems(userId, threadId, { limit: HISTORY_ITEMS + 1, order: "desc" });
  const turns: ConversationTurn[] = [];
  for (const item of page.data) {
    if (item.id === beforeItemId) continue;
    if (item.type !== "user_message" && item.type !== "assistant_message") continue;
    const text = itemText(item);
    if (text) turns.push({ role: item.type === "user_message" ? "user" : "assistant", text });
  }
  return turns.reverse();
}

const commandKey = (c: ChartCommand) => JSON.stringify(c);

/**
 * Runs the orchestrator (`run`, given the event callback) and turns its callbacks into ChatKit
 * events: progress lines, the `chart_commands` effect as soon as tools return, the answer as an
 * assistant message whose text streams, then the level/pattern card.
 */
function streamAnswer(thread: ThreadMetadata, ctx: ResponderContext, run: (onEvent: (e: AgentEvent) => void) => Promise<AgentAnswer>): AsyncIterable<ThreadStreamEvent> {
  const queue = new EventQueue<ThreadStreamEvent>(ctx.signal);
  const messageId = ctx.store.generateItemId("message");
  const createdAt = ctx.now();
  const sent = new Set<string>();
  let started = false;
  let streamed = "";

  const sendCommands = (commands: readonly ChartCommand[]) => {
    const fresh = commands.filter((c) => !sent.has(commandKey(c)));
    if (fresh.length === 0) return;
    for (const c of fresh) sent.add(commandKey(c));
    queue.push({ type: "client_effect", name: CHART_COMMANDS_EFFECT, data: { commands: fresh } });
  };
  const startMessage = () => {
    if (started) return;
    started = true;
    const item: AssistantMessageItem = { id: messageId, thread_id: thread.id, created_at: createdAt, type: "assistant_message", content: [] };
    queue.push({ type: "thread.item.added", item });
    queue.push({
      type: "thread.item.updated",
      item_id: messageId,
      update: { type: "assistant_message.content_part.added", content_index: 0, content: { type: "output_text", text: "", annotations: [] } },
    });
  };
  const delta = (text: string) => {
    if (!text) return;
    startMessage();
    streamed += text;
    queue.push({ type: "thread.item.updated", item_id: messageId, update: { type: "assistant_message.content_part.text_delta", content_index: 0, delta: text } });
  };
  const onEvent = (e: AgentEvent) => {
    switch (e.type) {
      case "progress":
        queue.push({ type: "progress_update", icon: TOOL_ICONS[e.tool] ?? "sparkle", text: e.text });
        return;
      case "commands":
        sendCommands(e.commands);
        return;
      case "text_delta":
        delta(e.delta);
        return;
      case "notice":
        queue.push({ type: "notice", level: e.level, message: e.message });
        return;
    }
  };
  const finish = (answer: AgentAnswer) => {
    if (queue.isClosed) return;
    // The answer's command list is the authority: anything the callbacks did not carry goes now.
    sendCommands(answer.chart_commands);
    if (!streamed) delta(answer.text);
    startMessage();
    // After a model failure the streamed prefix may differ from the final (rules) text; `done`
    // carries the full text and the client replaces the part with it.
    const content = { type: "output_text" as const, text: answer.text, annotations: [] };
    queue.push({ type: "thread.item.updated", item_id: messageId, update: { type: "assistant_message.content_part.done", content_index: 0, content } });
    queue.push({ type: "thread.item.done", item: { id: messageId, thread_id: thread.id, created_at: createdAt, type: "assistant_message", content: [content] } });
    if (answer.widget && answer.widget.rows.length > 0) {
      const widget = buildAnswerCard(answer.widget, answer.chart_commands);
      queue.push({
        type: "thread.item.done",
        item: { id: ctx.store.generateItemId("message"), thread_id: thread.id, created_at: ctx.now(), type: "widget", widget, copy_text: cardCopyText(widget) },
      });
    }
    queue.end();
  };

  Promise.resolve()
    .then(() => run(onEvent))
    .then(finish, (err: unknown) => queue.fail(err));
  return queue;
}

async function* nothing(): AsyncIterable<ThreadStreamEvent> {}

export function createChartResponder(runAgent: AgentRunner = orchestratorRunAgent, runToolOnChart: ToolOnChartRunner = orchestratorRunToolOnChart): Responder {
  return {
    async *respond(thread, input, ctx) {
      // A client tool's output continues a turn; our agent calls no client tools, so nothing follows.
      if (!input) return;
      const query = userInputText(input.content);
      if (!thread.title) thread.title = titleFor(query);
      const history = ctx.newThread ? [] : await recentHistory(ctx.store, ctx.userId, thread.id, input.id);
      yield* streamAnswer(thread, ctx, (onEvent) => runAgent({ query, context: ctx.chartContext, userId: ctx.userId, history, signal: ctx.signal, onEvent }));
    },

    action(thread, action, sender, ctx) {
      switch (action.type) {
        case "chart.remove_drawing": {
          // Client-handled; a client that forwards it gets the card without that row.
          const widget = sender ? removeDrawingRow(sender.widget, action.payload.id) : null;
          if (!sender || !widget) return nothing();
          const item: WidgetItem = { ...sender, widget, copy_text: cardCopyText(widget) };
          return (async function* (): AsyncIterable<ThreadStreamEvent> {
            yield { type: "thread.item.replaced", item };
          })();
        }
        case "chart.analyze": {
          // The card's tool, called straight through the registry on the other timeframe: no message to word or re-read.
          const { tool, timeframe, symbol } = action.payload;
          return streamAnswer(thread, ctx, (onEvent) =>
            runToolOnChart({ tool, symbol, timeframe, context: ctx.chartContext, signal: ctx.signal, onEvent }),
          );
        }
      }
    },

    async syncAction(thread, action, sender, ctx) {
      if (action.type !== "chart.remove_drawing" || !sender) return {};
      const widget = removeDrawingRow(sender.widget, action.payload.id);
      if (!widget) return {};
      const item: WidgetItem = { ...sender, widget, copy_text: cardCopyText(widget) };
      await ctx.store.saveItem(ctx.userId, thread.id, item);
      return { updated_item: item };
    },
  };
}
