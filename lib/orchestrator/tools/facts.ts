import type { ClearScope, Direction, IndicatorName, PatternName } from "@/lib/commands/schema";
import type { CandlestickName, ChartPattern, TrendSummary } from "@/lib/analysis/types";
import type { DrawingSummary } from "@/lib/context-store/types";
import type { Timeframe, VisibleRange } from "@/lib/market/values";

/**
 * What each tool found, as plain JSON: the rules engine writes its answer from these, and the
 * model gets them as the function call's output. Prices are rounded as drawn.
 */

interface ChartRef {
  symbol: string;
  timeframe: Timeframe;
}

export interface LevelFact {
  id: string;
  price: number;
  touches: number;
  strength: number;
  last_time: number;
  /** Distance from the last close, percent of the close (negative below it). */
  distance_pct: number;
}

/** A detected pattern as the analysis reports it, without its points, under its drawing's id. */
export interface PatternFact extends Pick<ChartPattern, "name" | "direction" | "confidence" | "status" | "start_time" | "end_time" | "target"> {
  id: string;
}

export interface CandleFact {
  id: string;
  name: CandlestickName;
  direction: Direction;
  time: number;
}

export interface IndicatorFact {
  id: string;
  name: IndicatorName;
  params: Record<string, number>;
  /** Latest values by series ("value", or "macd"/"signal"/"histogram", "upper"/"middle"/"lower"). */
  last: Record<string, number | null>;
}

export type ToolFacts =
  | { tool: "get_chart_context"; chart: (ChartRef & { visible_range: VisibleRange | null; snapshot_id: string | null }) | null; drawings: DrawingSummary[] }
  | ({ tool: "load_symbol" } & ChartRef)
  | { tool: "set_timeframe"; timeframe: Timeframe; symbol: string | null }
  | ({ tool: "clear_drawings"; scope: ClearScope } & Partial<ChartRef>)
  | ({
      tool: "support_resistance";
      role: "both" | "support" | "resistance";
      last_close: number;
      bars: number;
      support: LevelFact[];
      resistance: LevelFact[];
    } & ChartRef)
  | ({
      tool: "trendlines";
      last_close: number;
      bars: number;
      lines: { id: string; role: string; touches: number; price_now: number; slope_per_bar: number }[];
    } & ChartRef)
  | ({ tool: "detect_patterns"; requested: PatternName[] | null; bars: number; last_close: number; patterns: PatternFact[] } & ChartRef)
  | ({ tool: "candlestick_patterns"; requested: CandlestickName[] | null; bars: number; candles: CandleFact[] } & ChartRef)
  | ({ tool: "add_indicator"; last_close: number | null; indicators: IndicatorFact[] } & ChartRef)
  | ({
      tool: "fibonacci";
      id: string | null;
      last_close: number;
      swing: { from: { time: number; price: number }; to: { time: number; price: number } } | null;
      levels: { ratio: number; price: number }[];
    } & ChartRef)
  | ({
      tool: "market_summary";
      last_price: number;
      change: number;
      change_pct: number;
      /** Change over the bars analysed, first close to last. */
      period_change_pct: number;
      period_high: number;
      period_low: number;
      bars: number;
      as_of: number;
      trend: TrendSummary;
    } & ChartRef);
