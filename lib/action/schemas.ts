import { z } from "zod";
import { ChartCommandSchema } from "@/lib/commands/schema";
import { DrawingSummarySchema, MAX_STORED_DRAWINGS } from "@/lib/context-store/types";
import { DATA_SOURCES } from "@/lib/market/types";
import { ChartContextSchema, optionalNullable, SymbolSchema, TIMEFRAMES, TimeframeSchema, VisibleRangeSchema } from "@/lib/market/values";
import { TOOL_NAMES } from "@/lib/orchestrator/types";

/**
 * Request and response schemas of the chart action, the webhook and the chart-context store,
 * as CONTRACT.md defines them. The routes validate with these and the OpenAPI document is
 * generated from them, so the two cannot drift. Unknown fields are stripped (ignored).
 */

export const MAX_QUERY_CODE_POINTS = 4000;

/** 1..4000 Unicode code points after trimming; the output is the trimmed text. */
const MessageText = (what: string) =>
  z
    .string()
    .meta({ minLength: 1, maxLength: MAX_QUERY_CODE_POINTS, description: `${what}, 1 to ${MAX_QUERY_CODE_POINTS} characters after trimming.` })
    .superRefine((s, ctx) => {
      const trimmed = s.trim();
      // Code points, not UTF-16 units: an emoji is one character to the person typing it.
      let n = 0;
      for (const _ of trimmed) if (++n > MAX_QUERY_CODE_POINTS) break;
      if (n === 0) ctx.addIssue({ code: "custom", message: "must not be empty" });
      else if (n > MAX_QUERY_CODE_POINTS) ctx.addIssue({ code: "custom", message: `must be at most ${MAX_QUERY_CODE_POINTS} characters` });
    })
    .transform((s) => s.trim());

/** The shared ChartContext, documented for the OpenAPI reader. */
export const ChartContextInputSchema = ChartContextSchema.extend({
  symbol: SymbolSchema.meta({ description: "Ticker on screen (TSLA, BRK.B, ^GSPC, BTC-USD, EURUSD=X).", examples: ["TSLA"] }),
  timeframe: TimeframeSchema.meta({
    description: `Bar timeframe: ${TIMEFRAMES.join(", ")}, or an alias such as 1d, daily, 4hr, 60min, weekly.`,
    examples: ["1D"],
  }),
  snapshot_id: optionalNullable(z.string().max(128)).meta({ description: "Opaque id of the chart data the page shows." }),
  visible_range: optionalNullable(VisibleRangeSchema).meta({ description: "Unix seconds of the first and last visible bar; analyses read only these bars." }),
}).meta({ description: "The chart the user is looking at." });

export const ChartActionRequestSchema = z
  .object({
    query: MessageText("The user's question or instruction"),
    conversation_id: optionalNullable(z.string().max(128)).meta({ description: "Logged and echoed." }),
    user_id: optionalNullable(z.string().min(1).max(128)).meta({
      description: "Also push the commands to this user's open page; without chart_context, that user's stored context is used.",
    }),
    chart_context: optionalNullable(ChartContextInputSchema),
    metadata: optionalNullable(z.record(z.string(), z.unknown())).meta({ description: "Any object; ignored." }),
  });
export type ChartActionRequest = z.output<typeof ChartActionRequestSchema>;

export const AnswerMetadataSchema = z.object({
  symbol: z.string().nullable(),
  timeframe: z.enum(TIMEFRAMES).nullable(),
  timestamp: z.string().meta({ description: "ISO-8601" }),
  engine: z.enum(["rules", "llm"]),
  fallback_reason: z.enum(["timeout", "rate_limited", "upstream_error"]).optional(),
  data_source: z.enum(DATA_SOURCES).nullable(),
  data_note: z.string().optional(),
  candles: z.object({ count: z.number().int(), from: z.number().int().nullable(), to: z.number().int().nullable() }),
});

export const ChartActionResponseSchema = z
  .object({
    success: z.literal(true),
    text: z.string(),
    chart_commands: z.array(ChartCommandSchema),
    tools_used: z.array(z.enum(TOOL_NAMES)),
    metadata: AnswerMetadataSchema,
    conversation_id: z.string().optional().meta({ description: "The request's conversation_id, when given." }),
  });
export type ChartActionResponse = z.output<typeof ChartActionResponseSchema>;

export const WebhookRequestSchema = z
  .object({
    message: MessageText("The chat message"),
    user_id: z.string().min(1).max(128).meta({ description: "The user whose stored chart context is used and whose page gets the commands." }),
    thread_id: optionalNullable(z.string().max(128)),
    chart_context: optionalNullable(ChartContextInputSchema),
  });
export type WebhookRequest = z.output<typeof WebhookRequestSchema>;

export const WebhookResponseSchema = z
  .object({
    handled: z.boolean(),
    response: z.string().nullable(),
    commands: z.array(ChartCommandSchema),
    tools_used: z.array(z.enum(TOOL_NAMES)),
  });
export type WebhookResponse = z.output<typeof WebhookResponseSchema>;

export const ChartContextPutSchema = z.object({
  chart_context: ChartContextInputSchema,
  drawings: optionalNullable(z.array(DrawingSummarySchema).max(MAX_STORED_DRAWINGS)),
});
export type ChartContextPut = z.output<typeof ChartContextPutSchema>;

export const ErrorBodySchema = z
  .object({
    success: z.literal(false),
    code: z.string(),
    error: z.string().meta({ description: "One sentence; a schema error starts with the field path." }),
    text: z.string().meta({ description: "What a chat shows." }),
  });
