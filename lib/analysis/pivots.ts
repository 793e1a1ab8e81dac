import type { CandleColumns } from "./types";

/** Swing points as parallel typed arrays: `kind` is +1 for a swing high, -1 for a swing low. */
export interface Pivots {
  readonly count: number;
  /** Bar index of each swing point, increasing. */
  readonly index: Int32Array;
  /** The bar's high for a swing high, its low for a swing low. */
  readonly price: Float64Array;
  readonly kind: Int8Array;
  /**
   * How many of the pivots are confirmed (price has since reversed by the threshold). The last
   * pivot is the running extreme of the unfinished swing when `confirmed < count`.
   */
  readonly confirmed: number;
}

export const PIVOT_HIGH = 1;
export const PIVOT_LOW = -1;
/** Reversal needed to confirm a swing, in ATRs: small enough for chart patterns, large enough to skip bar noise. */
export const DEFAULT_PIVOT_ATR_MULTIPLE = 2.5;
/** Finer swings, for short pauses such as a flag after its pole. */
export const FINE_PIVOT_ATR_MULTIPLE = 1.5;

/**
 * The volatility to scale thresholds by at each bar: ATR where it exists, else (warm-up, or a
 * series shorter than the ATR period) the mean high-low range of the bars seen so far.
 */
function atrAt(atr: Float64Array, i: number, fallback: number): number {
  const a = atr[i]!;
  return a > 0 ? a : fallback;
}

/** Mean high-low range of the first bars: the scale used before ATR has warmed up. */
export function warmupRange(cols: CandleColumns, bars = 14): number {
  const m = Math.min(bars, cols.length);
  let sum = 0;
  for (let i = 0; i < m; i++) sum += cols.high[i]! - cols.low[i]!;
  const mean = m > 0 ? sum / m : 0;
  // A flat series still needs a positive threshold, or every tick would be a swing.
  return mean > 0 ? mean : Math.max(1e-12, (cols.close[0] ?? 1) * 1e-4);
}

/**
 * ZigZag (directional change) swing points in one O(n) pass: a swing high is confirmed once the
 * low has fallen `multiple × ATR` below the highest high since the last swing low, and vice
 * versa, so the output alternates high, low, high… The threshold follows ATR bar by bar, so the
 * same `multiple` works across instruments, timeframes and volatility regimes.
 */
export function zigzag(cols: CandleColumns, atr: Float64Array, multiple = DEFAULT_PIVOT_ATR_MULTIPLE): Pivots {
  const n = cols.length;
  const { high, low } = cols;
  // At most one pivot per bar (plus the running extreme); grown by doubling to avoid n-sized allocations.
  let cap = Math.max(16, Math.min(n + 1, 1024));
  let index = new Int32Array(cap);
  let price = new Float64Array(cap);
  let kind = new Int8Array(cap);
  let count = 0;
  const push = (i: number, p: number, k: number): void => {
    if (count === cap) {
      cap *= 2;
      const ni = new Int32Array(cap);
      ni.set(index);
      index = ni;
      const np = new Float64Array(cap);
      np.set(price);
      price = np;
      const nk = new Int8Array(cap);
      nk.set(kind);
      kind = nk;
    }
    index[count] = i;
    price[count] = p;
    kind[count] = k;
    count++;
  };
  if (n === 0) return { count: 0, index, price, kind, confirmed: 0 };

  const fallback = warmupRange(cols);
  // dir 0: no swing yet (track both extremes); 1: rising, looking for the high; -1: falling.
  let dir = 0;
  let hiIdx = 0;
  let hiVal = high[0]!;
  let loIdx = 0;
  let loVal = low[0]!;
  for (let i = 1; i < n; i++) {
    const h = high[i]!;
    const l = low[i]!;
    // The threshold is read only where a reversal is tested, not on bars that extend the swing.
    if (dir === 1) {
      if (h > hiVal) {
        hiVal = h;
        hiIdx = i;
      } else if (hiVal - l >= multiple * atrAt(atr, i, fallback)) {
        push(hiIdx, hiVal, PIVOT_HIGH);
        dir = -1;
        loVal = l;
        loIdx = i;
      }
    } else if (dir === -1) {
      if (l < loVal) {
        loVal = l;
        loIdx = i;
      } else if (h - loVal >= multiple * atrAt(atr, i, fallback)) {
        push(loIdx, loVal, PIVOT_LOW);
        dir = 1;
        hiVal = h;
        hiIdx = i;
      }
    } else {
      if (h > hiVal) {
        hiVal = h;
        hiIdx = i;
      }
      if (l < loVal) {
        loVal = l;
        loIdx = i;
      }
      if (hiVal - loVal >= multiple * atrAt(atr, i, fallback)) {
        // The earlier extreme is the first swing; the later one becomes the running extreme.
        if (loIdx < hiIdx) {
          push(loIdx, loVal, PIVOT_LOW);
          dir = 1;
        } else {
          push(hiIdx, hiVal, PIVOT_HIGH);
          dir = -1;
        }
      }
    }
  }
  const confirmed = count;
  if (dir === 1) push(hiIdx, hiVal, PIVOT_HIGH);
  else if (dir === -1) push(loIdx, loVal, PIVOT_LOW);
  return { count, index: index.subarray(0, count), price: price.subarray(0, count), kind: kind.subarray(0, count), confirmed };
}
