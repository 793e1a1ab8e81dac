import { detectCandlesticks } from "./candlesticks";
import { fibonacciRetracement } from "./fibonacci";
import { atr as averageTrueRange } from "./indicators";
import { supportResistance } from "./levels";
import { detectPatterns } from "./patterns";
import { DEFAULT_PIVOT_ATR_MULTIPLE, FINE_PIVOT_ATR_MULTIPLE, warmupRange, zigzag, type Pivots } from "./pivots";
import { trendSummary } from "./trend";
import { trendlines } from "./trendlines";
import { ANALYSIS_TOOLS, type AnalysisResult, type AnalysisTool, type CandleColumns } from "./types";

export { supportResistance, trendlines, detectPatterns, detectCandlesticks, trendSummary, fibonacciRetracement };

export const ATR_PERIOD = 14;

/** What every tool reads, computed once per candle set: ATR and the swing points. */
export interface AnalysisContext {
  readonly cols: CandleColumns;
  /**
   * Wilder ATR(ATR_PERIOD), the scale of every threshold; where it is undefined (warm-up) or zero
   * (a flat stretch) it holds `atrFallback`, so readers need no checks.
   */
  readonly atr: Float64Array;
  /** The scale used where ATR is NaN: mean range of the first bars. */
  readonly atrFallback: number;
  /** Swing points at DEFAULT_PIVOT_ATR_MULTIPLE: levels, trendlines, reversals, triangles, channels. */
  readonly pivots: Pivots;
  /** Finer swing points (FINE_PIVOT_ATR_MULTIPLE), where a flag's pole ends in a pause shallower than a full swing. */
  readonly finePivots: Pivots;
}

export function analysisContext(cols: CandleColumns): AnalysisContext {
  const atr = averageTrueRange(cols.high, cols.low, cols.close, ATR_PERIOD);
  const atrFallback = warmupRange(cols);
  for (let i = 0; i < atr.length; i++) if (!(atr[i]! > 0)) atr[i] = atrFallback;
  return {
    cols,
    atr,
    atrFallback,
    pivots: zigzag(cols, atr, DEFAULT_PIVOT_ATR_MULTIPLE),
    finePivots: zigzag(cols, atr, FINE_PIVOT_ATR_MULTIPLE),
  };
}

type ToolResult<T extends AnalysisTool> = Exclude<AnalysisResult[T], undefined>;

const RUNNERS: { [T in AnalysisTool]: (ctx: AnalysisContext) => ToolResult<T> } = {
  support_resistance: (ctx) => supportResistance(ctx),
  trendlines: (ctx) => trendlines(ctx),
  patterns: (ctx) => detectPatterns(ctx),
  candlesticks: (ctx) => detectCandlesticks(ctx.cols),
  trend: (ctx) => trendSummary(ctx),
  fibonacci: (ctx) => fibonacciRetracement(ctx),
};

/** One tool's result, as the `/api/analyze` key of the same name holds it. */
export function runTool<T extends AnalysisTool>(ctx: AnalysisContext, tool: T): ToolResult<T> {
  return RUNNERS[tool](ctx);
}

/** The requested tools over one candle set, sharing ATR and swing points. */
export function analyze(cols: CandleColumns, tools: readonly AnalysisTool[] = ANALYSIS_TOOLS): AnalysisResult {
  const ctx = analysisContext(cols);
  const result: AnalysisResult = {};
  for (const tool of ANALYSIS_TOOLS) {
    if (!tools.includes(tool)) continue;
    Object.assign(result, { [tool]: runTool(ctx, tool) });
  }
  return result;
}
