import type { AnalysisContext } from "./analyze";
import type { Level, SupportResistance, Zone } from "./types";

export interface LevelOptions {
  /** How many levels to return, strongest first. Default 8. */
  maxLevels?: number;
  /** Swing prices closer than this many ATRs belong to one level. Default 0.6. */
  tolerance?: number;
}

const DEFAULT_MAX_LEVELS = 8;
const DEFAULT_TOLERANCE = 0.6;
/** Swing points clustered: the most recent ones (older levels have faded out of the score anyway). */
const RECENT_SWINGS = 1000;
/** Clusters scored in full (the crossing count scans pivots); the rest cannot outrank them. */
const MAX_SCORED = 16;

interface Cluster {
  from: number;
  to: number;
  sum: number;
  touches: number;
  firstIdx: number;
  lastIdx: number;
  minPrice: number;
  maxPrice: number;
  volume: number;
  tol: number;
  score: number;
  crosses: number;
}


/**
 * Support and resistance from swing points. Swing prices are sorted and split into clusters
 * wherever neighbours are more than `tolerance × ATR` apart (a cluster never grows wider than
 * twice that, so slow drifts do not chain into one band): O(p log p). Each cluster is a level at
 * the mean of its swings' turning prices (midway between each swing bar's wick and body), scored by
 * - touches (swings that turned there),
 * - respect: touches against the times a swing leg sliced through it after it formed,
 * - recency of the last touch, and
 * - volume at the touches against the series' mean volume.
 * `strength` is that score in 0..1; `role` is support below the last close, resistance above.
 */
export function supportResistance(ctx: AnalysisContext, options: LevelOptions = {}): SupportResistance {
  const { cols, pivots, atr } = ctx;
  const maxLevels = options.maxLevels ?? DEFAULT_MAX_LEVELS;
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
  const n = cols.length;
  const first = Math.max(0, pivots.count - RECENT_SWINGS);
  const p = pivots.count - first;
  if (p < 2 || n < 2) return { levels: [], zones: [] };

  const order = new Int32Array(p);
  for (let i = 0; i < p; i++) order[i] = first + i;
  order.sort((a, b) => pivots.price[a]! - pivots.price[b]!);

  // Mean volume over the stretch the swings cover, the baseline a touch's volume is judged by.
  const from = pivots.index[first]!;
  let meanVolume = 0;
  for (let i = from; i < n; i++) meanVolume += cols.volume[i]!;
  meanVolume /= n - from;

  const clusters: Cluster[] = [];
  let cur: Cluster | null = null;
  let prevPrice = 0;
  for (let r = 0; r < p; r++) {
    const k = order[r]!;
    const price = pivots.price[k]!;
    const idx = pivots.index[k]!;
    const tol = tolerance * atr[idx]!;
    if (cur === null || price - prevPrice > Math.max(tol, cur.tol) || price - cur.minPrice > 2 * Math.max(tol, cur.tol)) {
      cur = { from: r, to: r, sum: 0, touches: 0, firstIdx: idx, lastIdx: idx, minPrice: price, maxPrice: price, volume: 0, tol, score: 0, crosses: 0 };
      clusters.push(cur);
    }
    cur.to = r;
    // The level sits between the wick's extreme and the body's: wicks overshoot where price turns.
    const body = pivots.kind[k]! > 0 ? Math.max(cols.open[idx]!, cols.close[idx]!) : Math.min(cols.open[idx]!, cols.close[idx]!);
    cur.sum += (price + body) / 2;
    cur.touches++;
    if (idx < cur.firstIdx) cur.firstIdx = idx;
    if (idx > cur.lastIdx) cur.lastIdx = idx;
    cur.maxPrice = price;
    cur.volume += cols.volume[idx]!;
    if (tol > cur.tol) cur.tol = tol;
    prevPrice = price;
  }

  // Recency scale: a quarter of the chart, within sensible bounds, so old levels fade.
  const tau = Math.min(250, Math.max(50, n / 4));
  const preliminary = (c: Cluster): number => touchScore(c.touches) * (0.4 + 0.6 * Math.exp(-(n - 1 - c.lastIdx) / tau));
  const candidates = clusters.filter((c) => c.touches >= 2);
  for (const c of candidates) c.score = preliminary(c);
  candidates.sort((a, b) => b.score - a.score);
  const scored = candidates.slice(0, MAX_SCORED);

  for (const c of scored) {
    const level = c.sum / c.touches;
    // A swing leg that starts and ends clear of the level but spans it sliced through it.
    let crosses = 0;
    for (let j = first; j + 1 < pivots.count; j++) {
      if (pivots.index[j + 1]! <= c.firstIdx) continue;
      const a = pivots.price[j]!;
      const b = pivots.price[j + 1]!;
      const lo = a < b ? a : b;
      const hi = a < b ? b : a;
      if (lo + c.tol < level && level < hi - c.tol) crosses++;
    }
    c.crosses = crosses;
    const respect = c.touches / (c.touches + crosses);
    const volRatio = meanVolume > 0 ? Math.min(2, Math.max(0.5, c.volume / c.touches / meanVolume)) : 1;
    c.score = preliminary(c) * respect * Math.pow(volRatio, 0.25);
  }
  scored.sort((a, b) => b.score - a.score);

  const lastClose = cols.close[n - 1]!;
  const levels: Level[] = [];
  const zones: Zone[] = [];
  for (const c of scored.slice(0, maxLevels)) {
    const price = c.sum / c.touches;
    const role = price < lastClose ? "support" : "resistance";
    const digits = decimalsFor(price);
    levels.push({
      price: roundTo(price, digits),
      role,
      touches: c.touches,
      strength: roundTo(Math.min(1, Math.max(0, c.score)), 3),
      first_time: cols.time[c.firstIdx]!,
      last_time: cols.time[c.lastIdx]!,
    });
    // The band the swings turned in, padded by a quarter tolerance. The level leans toward the
    // candle bodies and can sit just outside the wicks' band, so the band always holds its level.
    const pad = c.tol / 4;
    const lo = Math.min(c.minPrice, price) - pad;
    const hi = Math.max(c.maxPrice, price) + pad;
    zones.push({ from_price: roundTo(Math.max(lo, price * 1e-6), digits), to_price: roundTo(hi, digits), role });
  }
  return { levels, zones };
}

/** 1 touch scores 0, 2 about 0.5, 3 about 0.75, then saturating. */
function touchScore(touches: number): number {
  return 1 - Math.exp(-(touches - 1) / 1.5);
}

/** Exact powers of ten, read instead of computing `10 ** digits` for every rounded price. */
const POW10 = Array.from({ length: 23 }, (_, d) => Number(`1e${d}`));

/** 10^digits (digits a whole number, as decimalsFor gives). */
export const pow10 = (digits: number): number => POW10[digits] ?? 10 ** digits;

/** `x` rounded to `digits` decimals. */
export const roundTo = (x: number, digits: number): number => {
  const f = pow10(digits);
  return Math.round(x * f) / f;
};

/** The rounding scale for a price: 10^decimalsFor(price). */
export const priceScale = (price: number): number => pow10(decimalsFor(price));

/** Decimals that show a price to about five significant digits, at least cents (212.40, 0.0012345). */
export function decimalsFor(price: number): number {
  if (!(price > 0)) return 2;
  return Math.min(10, Math.max(2, 4 - Math.floor(Math.log10(price))));
}
