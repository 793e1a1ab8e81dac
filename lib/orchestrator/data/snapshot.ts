import "server-only";
import { analysisContext, runTool, type AnalysisContext } from "@/lib/analysis/analyze";
import { lowerBound, sliceColumns, toColumns } from "@/lib/analysis/columns";
import { LruCache } from "@/lib/cache/lru";
import type { AnalysisResult, AnalysisTool, CandleColumns } from "@/lib/analysis/types";
import type { CandleResult, DataSource } from "@/lib/market/types";
import type { Timeframe, VisibleRange } from "@/lib/market/values";

/**
 * The candles one answer reads, as columns, with each analysis computed at most once per
 * candle set: a busy chart action repeats the same questions on the same bars, so the work is
 * done once per new bar, not once per request.
 */
export interface ChartSnapshot {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly source: DataSource;
  readonly note?: string;
  readonly cols: CandleColumns;
  readonly lastClose: number;
  analysis<T extends AnalysisTool>(tool: T): NonNullable<AnalysisResult[T]> | null;
}

class Snapshot implements ChartSnapshot {
  private readonly results = new Map<AnalysisTool, AnalysisResult>();
  /** ATR and swing points are shared by every tool, so they too are computed once per snapshot. */
  private shared: AnalysisContext | null = null;
  readonly lastClose: number;

  constructor(
    readonly symbol: string,
    readonly timeframe: Timeframe,
    readonly source: DataSource,
    readonly note: string | undefined,
    readonly cols: CandleColumns,
  ) {
    this.lastClose = cols.length > 0 ? cols.close[cols.length - 1]! : Number.NaN;
  }

  private result(tool: AnalysisTool): AnalysisResult {
    let r = this.results.get(tool);
    if (!r) {
      this.shared ??= analysisContext(this.cols);
      r = { [tool]: runTool(this.shared, tool) };
      this.results.set(tool, r);
    }
    return r;
  }

  analysis<T extends AnalysisTool>(tool: T): NonNullable<AnalysisResult[T]> | null {
    if (this.cols.length < 2) return null;
    return (this.result(tool)[tool] ?? null) as NonNullable<AnalysisResult[T]> | null;
  }
}

/** One entry per candle set (and visible range): LRU, so a hot symbol stays while old bars age out. */
const cache = new LruCache<Snapshot>(256);
/**
 * Columns per candle set, keyed by content: the market service hands out a fresh array per call,
 * so a new visible range over the same bars reuses the columns instead of rebuilding them.
 */
const columnsOf = new LruCache<CandleColumns>(64);

function candleSetKey(r: CandleResult): string {
  const c = r.candles;
  const first = c[0];
  const last = c[c.length - 1];
  return `${r.symbol}|${r.timeframe}|${r.source}|${c.length}|${first?.time}|${last?.time}|${last?.close}|${last?.high}|${last?.low}|${last?.volume}`;
}

/** The snapshot of a candle set, narrowed to the visible range when given. */
export function snapshotOf(result: CandleResult, range?: VisibleRange): ChartSnapshot {
  const setKey = candleSetKey(result);
  const key = `${setKey}|${range ? `${range.from}-${range.to}` : "all"}`;
  const hit = cache.get(key);
  if (hit) return hit;
  let cols = columnsOf.get(setKey);
  if (!cols) {
    cols = toColumns(result.candles);
    columnsOf.set(setKey, cols);
  }
  if (range) cols = sliceColumns(cols, lowerBound(cols.time, range.from), lowerBound(cols.time, range.to + 1));
  const snap = new Snapshot(result.symbol, result.timeframe, result.source, result.note, cols);
  cache.set(key, snap);
  return snap;
}
