import type { z } from "zod";
import type { ChartCommand } from "@/lib/commands/schema";
import type { DrawingSummary } from "@/lib/context-store/types";
import type { CandleResult, DataSource } from "@/lib/market/types";
import type { Timeframe, VisibleRange } from "@/lib/market/values";
import type { AnswerWidget, ToolName } from "../types";
import type { ToolFacts } from "./facts";

/** What the candles behind an answer were: the contract's `metadata.data_source` and `candles`. */
export interface DataUsage {
  source: DataSource;
  note?: string;
  count: number;
  from: number | null;
  to: number | null;
}

/** A chart as the tools track it: the page's context, or one they moved to. */
export interface ChartState {
  symbol: string;
  timeframe: Timeframe;
  visible_range?: VisibleRange;
  snapshot_id?: string;
}

/**
 * Per-request state the tools share. `chart` is the chart the next drawing lands on: it starts
 * as the page's context and follows the load_symbol / set_timeframe commands already emitted.
 */
export interface ToolContext {
  chart: ChartState | null;
  /** The page's context as received: its visible range applies only while the chart is unchanged. */
  readonly initial: ChartState | null;
  /** Drawings the page last reported, for get_chart_context. */
  readonly drawings: DrawingSummary[];
  readonly signal?: AbortSignal;
  data: DataUsage | null;
  /**
   * Candle requests made for this answer, by symbol and timeframe: a chart is fetched once
   * however many tools read it (a full analysis runs five). A failure is kept too, so the
   * tools after it fail at once instead of waiting on the provider again.
   */
  readonly candles: Map<string, Promise<CandleResult>>;
}

export interface ToolResult {
  facts: ToolFacts;
  commands: ChartCommand[];
  widget?: AnswerWidget;
}

export interface Tool<S extends z.ZodType = z.ZodType> {
  name: ToolName;
  description: string;
  args: S;
  /** A short present-participle line for progress ("Finding support and resistance on TSLA 1D"). */
  progress(args: z.output<S>, ctx: ToolContext): string;
  run(args: z.output<S>, ctx: ToolContext): Promise<ToolResult>;
}

/** Why a tool could not answer; callers branch on this, never on the message's wording. */
export type ToolErrorCode = "needs_symbol" | "unknown_symbol" | "no_data" | "upstream";

/** A failure the caller can act on (the model retries; the rules engine explains). */
export class ToolError extends Error {
  constructor(
    readonly code: ToolErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "ToolError";
  }
}

export function createToolContext(opts: { context: ChartState | null; drawings?: DrawingSummary[]; signal?: AbortSignal }): ToolContext {
  return { chart: opts.context, initial: opts.context, drawings: opts.drawings ?? [], signal: opts.signal, data: null, candles: new Map() };
}
