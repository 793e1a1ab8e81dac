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
  /** The band the level's swings turned in, when zones were asked for (drawn as a `zone`). */
  zone?: { from: number; to: number };
}

/** What price did after a pattern ended: hit its measured-move target, closed beyond its extreme, or neither yet. */
export type PatternOutcome = "open" | "target_reached" | "invalidated";

/** A detected pattern as the analysis reports it, without its points, under its drawing's id. */
export interface PatternFact extends Pick<ChartPattern, "name" | "direction" | "confidence" | "status" | "start_time" | "end_time" | "target"> {
  id: string;
  /** Ended within the newest fifth of the bars. */
  recent: boolean;
  outcome: PatternOutcome;
  /** The bar that reached the target or invalidated the pattern. */
  outcome_time: number | null;
  /** A close beyond this price (the pattern's high if bearish, low if bullish) invalidates it; null when neutral. */
  invalidation: number | null;
  /** Drawn on the chart: still in play. Historical, played-out patterns are reported, not drawn. */
  drawn: boolean;
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
      zones: boolean;
      last_close: number;
      bars: number;
      support: LevelFact[];
      resistance: LevelFact[];
    } & ChartRef)
  | ({
      tool: "trendlines";
      last_close: number;
      bars: number;
      /** `price_now`: the line's price at the last bar (drawn extended to the right to reach it). */
      lines: { id: string; role: string; touches: number; price_now: number; slope_per_bar: number; start_time: number; end_time: number }[];
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
      /** "day": the change is the quote's day change; "bar": the last bar's, when no quote agreed with the chart. */
      change_basis: "day" | "bar";
      /** Change over the bars analysed, first close to last. */
      period_change_pct: number;
      period_high: number;
      period_low: number;
      bars: number;
      as_of: number;
      trend: TrendSummary;
      /** Bars the trend was judged over (the newest ones) and the change across them. */
      trend_bars: number;
      trend_change_pct: number;
    } & ChartRef);
