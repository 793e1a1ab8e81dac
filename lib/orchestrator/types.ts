import type { ChartCommand } from "@/lib/commands/schema";
import type { DrawingSummary } from "@/lib/context-store/types";
import type { DataSource } from "@/lib/market/types";
import type { ChartContext, Timeframe } from "@/lib/market/values";

/** The contract's orchestrator tool names, as they appear in `tools_used`. */
export const TOOL_NAMES = [
  "get_chart_context",
  "load_symbol",
  "set_timeframe",
  "support_resistance",
  "trendlines",
  "detect_patterns",
  "candlestick_patterns",
  "add_indicator",
  "fibonacci",
  "clear_drawings",
  "market_summary",
] as const;
export type ToolName = (typeof TOOL_NAMES)[number];

export type Engine = "rules" | "llm";
export type FallbackReason = "timeout" | "rate_limited" | "upstream_error";

/** A row of the level/pattern card the ChatKit server renders; `id` is the drawing's id. */
export interface AnswerWidgetRow {
  id: string;
  title: string;
  detail: string;
}

export interface AnswerWidget {
  kind: "levels" | "patterns";
  /** The tool that produced the rows, for the card's "Same on 1h / 1W" actions. */
  tool: ToolName;
  symbol: string;
  timeframe: Timeframe;
  rows: AnswerWidgetRow[];
}

/**
 * What the orchestrator reports while it works, so a streaming surface (the ChatKit server)
 * can show progress, draw as soon as tools return and stream the text.
 */
export type AgentEvent =
  | { type: "progress"; tool: ToolName; text: string }
  | { type: "commands"; commands: ChartCommand[] }
  | { type: "text_delta"; delta: string }
  | { type: "notice"; level: "info" | "warning"; message: string };

export interface ConversationTurn {
  role: "user" | "assistant";
  text: string;
}

export interface AgentRequest {
  query: string;
  /** The chart on screen; null when the caller knows none. */
  context: ChartContext | null;
  userId?: string;
  history?: ConversationTurn[];
  signal?: AbortSignal;
  onEvent?: (event: AgentEvent) => void;
  /** Forces the rules engine even when a model is configured (webhook intent detection). */
  engine?: Engine;
  /** Drawings the page reported with its context (get_chart_context lists them). */
  drawings?: DrawingSummary[];
}

export interface AnswerMetadata {
  symbol: string | null;
  timeframe: Timeframe | null;
  timestamp: string;
  engine: Engine;
  fallback_reason?: FallbackReason;
  data_source: DataSource | null;
  data_note?: string;
  candles: { count: number; from: number | null; to: number | null };
}

export interface AgentAnswer {
  text: string;
  chart_commands: ChartCommand[];
  tools_used: ToolName[];
  metadata: AnswerMetadata;
  /** True when the rules engine recognised a chart intent (the webhook's `handled`). */
  chart_intent: boolean;
  widget?: AnswerWidget;
}

/** Registry tools that analyse one chart from its symbol and timeframe alone. */
export type ChartAnalysisTool = Extract<ToolName, "support_resistance" | "trendlines" | "detect_patterns" | "candlestick_patterns" | "fibonacci" | "market_summary">;

/** One analysis tool on a named chart, without a message to read (a card's "Same on 1h / 1W"). */
export interface ToolOnChartRequest {
  tool: ChartAnalysisTool;
  /** The chart to analyse: `symbol` (the page's when absent) on `timeframe`. */
  symbol?: string;
  timeframe: Timeframe;
  /** The chart on screen; null when the caller knows none. */
  context: ChartContext | null;
  signal?: AbortSignal;
  onEvent?: (event: AgentEvent) => void;
}
