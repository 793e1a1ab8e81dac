import type { CandleColumns } from "@/lib/analysis/types";
import { emptyColumns } from "@/lib/analysis/columns";
import type { Candle } from "@/lib/market/types";
import { createRng } from "./rng";

export interface RandomWalkOptions {
  seed: number;
  /** Number of candles. */
  n: number;
  /** First open, default 100. */
  start?: number;
  /** Typical per-bar log-return volatility, default 0.015 (a daily stock). */
  vol?: number;
  /** Open time of the first bar, unix seconds; default 2020-09-13T00:00:00Z. */
  startTime?: number;
  /** Seconds between bars, default 86400. */
  step?: number;
}

// Bound once: global lookups in hot loops are ~100x slower inside jest's vm context.
const { exp, sqrt, abs, log, max, min, round } = Math;

const DEFAULT_START_TIME = 1_599_955_200;
const REVERSION = 0.0005;

/**
 * Seeded, realistic OHLCV as columns, written straight into typed arrays (a million bars without
 * a million objects). Geometric random walk, so prices stay positive, with what makes charts look
 * like charts: a drift that switches regime every few dozen bars (trends, so patterns and
 * trendlines appear) over a weak pull back to `start`, volatility clustering (a GARCH-like variance), small opening gaps, wicks
 * drawn from the bar's own volatility, and volume that rises with the size of the move.
 * Every bar satisfies 0 < low <= min(open, close) <= max(open, close) <= high.
 */
export function randomWalkColumns(options: RandomWalkOptions): CandleColumns {
  const { seed, n, start = 100, vol = 0.015, startTime = DEFAULT_START_TIME, step = 86400 } = options;
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  if (!(start > 0) || !(vol > 0) || !(step > 0)) throw new RangeError("start, vol and step must be positive");
  const rng = createRng(seed);
  const cols = emptyColumns(n);
  const { time, open, high, low, close, volume } = cols;

  let price = start;
  let drift = 0;
  let regimeLeft = 0;
  let variance = vol * vol;
  const baseVolume = 1_000_000;
  for (let i = 0; i < n; i++) {
    if (regimeLeft <= 0) {
      regimeLeft = rng.int(20, 120);
      drift = rng.normal() * vol * 0.15;
    }
    regimeLeft--;
    const sigma = sqrt(variance);
    const o = i === 0 ? price : price * exp(rng.normal() * sigma * 0.15);
    // A weak pull towards the start price keeps a million bars within a plausible price band.
    const ret = drift - REVERSION * log(o / start) + rng.normal() * sigma;
    const c = o * exp(ret);
    const top = max(o, c);
    const bottom = min(o, c);
    const h = top * exp(abs(rng.normal()) * sigma * 0.5);
    const l = bottom * exp(-abs(rng.normal()) * sigma * 0.5);
    time[i] = startTime + i * step;
    open[i] = o;
    high[i] = h;
    low[i] = l;
    close[i] = c;
    volume[i] = round(baseVolume * exp(0.3 * rng.normal()) * (1 + abs(ret) / vol));
    // Variance reverts to vol² but is pushed up by large moves: calm and wild stretches alternate.
    variance = 0.05 * vol * vol + 0.85 * variance + 0.1 * ret * ret;
    price = c;
  }
  return cols;
}

/** The same series as `randomWalkColumns` (same seed, same bars) as candle objects. */
export function randomWalk(options: RandomWalkOptions): Candle[] {
  const cols = randomWalkColumns(options);
  const candles: Candle[] = new Array(cols.length);
  for (let i = 0; i < cols.length; i++) {
    candles[i] = {
      time: cols.time[i]!,
      open: cols.open[i]!,
      high: cols.high[i]!,
      low: cols.low[i]!,
      close: cols.close[i]!,
      volume: cols.volume[i]!,
    };
  }
  return candles;
}
