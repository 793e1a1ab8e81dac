import type { Direction, LevelRole, PatternName, Point, TrendlineRole } from "@/lib/commands/schema";

/**
 * Result shapes of the analysis engine, exactly the `/api/analyze` response of CONTRACT.md,
 * so the route, the orchestrator tools and the model all see one vocabulary.
 */

export const ANALYSIS_TOOLS = ["support_resistance", "trendlines", "patterns", "candlesticks", "trend", "fibonacci"] as const;
export type AnalysisTool = (typeof ANALYSIS_TOOLS)[number];

/** Candles as columns, built once per candle set; every analysis reads these. */
export interface CandleColumns {
  readonly length: number;
  readonly time: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
}

export interface Level {
  price: number;
  role: Exclude<LevelRole, "level">;
  touches: number;
  strength: number;
  first_time: number;
  last_time: number;
}

export interface Zone {
  from_price: number;
  to_price: number;
  role: Exclude<LevelRole, "level">;
}

export interface SupportResistance {
  levels: Level[];
  zones: Zone[];
}

export interface Trendline {
  role: TrendlineRole;
  start: Point;
  end: Point;
  touches: number;
  slope_per_bar: number;
}

export type PatternStatus = "forming" | "confirmed";

export interface ChartPattern {
  name: PatternName;
  direction: Direction;
  confidence: number;
  status: PatternStatus;
  start_time: number;
  end_time: number;
  points: Point[];
  neckline?: { start: Point; end: Point };
  target?: number;
}

export const CANDLESTICK_NAMES = [
  "bullish_engulfing",
  "bearish_engulfing",
  "hammer",
  "inverted_hammer",
  "shooting_star",
  "hanging_man",
  "doji",
  "morning_star",
  "evening_star",
  "three_white_soldiers",
  "three_black_crows",
  "bullish_harami",
  "bearish_harami",
  "piercing_line",
  "dark_cloud_cover",
] as const;
export type CandlestickName = (typeof CANDLESTICK_NAMES)[number];

export interface CandlestickHit {
  name: CandlestickName;
  time: number;
  direction: Direction;
}

export interface TrendSummary {
  direction: "up" | "down" | "sideways";
  strength: number;
}

export interface FibonacciRetracement {
  start: Point;
  end: Point;
  levels: { ratio: number; price: number }[];
}

export interface AnalysisResult {
  support_resistance?: SupportResistance;
  trendlines?: Trendline[];
  patterns?: ChartPattern[];
  candlesticks?: CandlestickHit[];
  trend?: TrendSummary;
  fibonacci?: FibonacciRetracement | null;
}
