import type { Candle } from "@/lib/market/types";
import type { CandleColumns } from "./types";

/** Zeroed columns for `n` candles, for code that fills them bar by bar. */
export function emptyColumns(n: number): CandleColumns {
  return {
    length: n,
    time: new Float64Array(n),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
  };
}

/**
 * Candles as columns of Float64Array, built once per candle set: every analysis then runs
 * monomorphic loops over contiguous doubles instead of chasing one object per bar.
 */
export function toColumns(candles: readonly Candle[]): CandleColumns {
  const n = candles.length;
  const cols = emptyColumns(n);
  const { time, open, high, low, close, volume } = cols;
  for (let i = 0; i < n; i++) {
    const c = candles[i]!;
    time[i] = c.time;
    open[i] = c.open;
    high[i] = c.high;
    low[i] = c.low;
    close[i] = c.close;
    volume[i] = c.volume;
  }
  return cols;
}

export interface ColumnArrays {
  time: ArrayLike<number>;
  open: ArrayLike<number>;
  high: ArrayLike<number>;
  low: ArrayLike<number>;
  close: ArrayLike<number>;
  /** Absent means unknown volume, stored as 0 as the contract does. */
  volume?: ArrayLike<number>;
}

/**
 * Columns from parallel arrays (e.g. a generator's output or a decoded payload). Float64Array
 * inputs of the right length are used as they are, without a copy; anything else is copied.
 * Throws RangeError when the arrays differ in length.
 */
export function columnsFromArrays(arrays: ColumnArrays): CandleColumns {
  const n = arrays.time.length;
  const column = (name: string, values: ArrayLike<number>): Float64Array => {
    if (values.length !== n) throw new RangeError(`column ${name} has ${values.length} values, expected ${n}`);
    return values instanceof Float64Array ? values : Float64Array.from(values);
  };
  return {
    length: n,
    time: column("time", arrays.time),
    open: column("open", arrays.open),
    high: column("high", arrays.high),
    low: column("low", arrays.low),
    close: column("close", arrays.close),
    volume: arrays.volume === undefined ? new Float64Array(n) : column("volume", arrays.volume),
  };
}

/** The candles `[from, to)` as columns sharing memory with `cols` (no copy). */
export function sliceColumns(cols: CandleColumns, from: number, to: number): CandleColumns {
  const start = Math.max(0, Math.min(from, cols.length));
  const end = Math.max(start, Math.min(to, cols.length));
  return {
    length: end - start,
    time: cols.time.subarray(start, end),
    open: cols.open.subarray(start, end),
    high: cols.high.subarray(start, end),
    low: cols.low.subarray(start, end),
    close: cols.close.subarray(start, end),
    volume: cols.volume.subarray(start, end),
  };
}

/** First index with time >= t in an ascending time column (binary search). */
export function lowerBound(time: Float64Array, t: number): number {
  let lo = 0;
  let hi = time.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (time[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
