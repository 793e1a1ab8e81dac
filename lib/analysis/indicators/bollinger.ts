import { checkPeriod, outputBuffer, REANCHOR_EVERY } from "./buffer";

export interface BollingerResult {
  middle: Float64Array;
  upper: Float64Array;
  lower: Float64Array;
}

export interface BollingerBuffers {
  middle?: Float64Array;
  upper?: Float64Array;
  lower?: Float64Array;
}

/** Bound once: global lookups in hot loops are ~100x slower inside jest's vm context. */
const sqrt = Math.sqrt;

/**
 * Bollinger Bands: middle = SMA(period), bands = middle ± k·σ with σ the population standard
 * deviation of the window (divide by `period`, as Bollinger, TA-Lib and technicalindicators do).
 *
 * σ comes from a sliding-window Welford update of the mean and the sum of squared deviations M2
 * (replacing x_old by x_new: mean' = mean + (x_new - x_old)/p, M2' = M2 + (x_new - x_old)(x_new -
 * mean' + x_old - mean)), which unlike the textbook Σx² - (Σx)²/p does not cancel catastrophically
 * when prices are large and the window is calm. Every REANCHOR_EVERY bars the window is recomputed
 * exactly (two-pass), so rounding cannot accumulate over millions of bars.
 * NaN for the first period-1 bars.
 */
export function bollinger(close: Float64Array, period = 20, stddev = 2, out: BollingerBuffers = {}): BollingerResult {
  checkPeriod(period);
  if (!Number.isFinite(stddev) || stddev < 0) throw new RangeError(`stddev must be a finite number >= 0, got ${stddev}`);
  const n = close.length;
  const middle = outputBuffer(n, out.middle, "middle");
  const upper = outputBuffer(n, out.upper, "upper");
  const lower = outputBuffer(n, out.lower, "lower");
  // Imported bindings compile to getter calls in bundled code: read once, outside the loop.
  const reanchorMask = REANCHOR_EVERY - 1;
  let mean = 0;
  let m2 = 0;
  for (let i = 0; i < n; i++) {
    const x = close[i]!;
    if (i < period) {
      const delta = x - mean;
      mean += delta / (i + 1);
      m2 += delta * (x - mean);
      if (i < period - 1) {
        middle[i] = NaN;
        upper[i] = NaN;
        lower[i] = NaN;
        continue;
      }
    } else if ((i & reanchorMask) === 0) {
      mean = 0;
      for (let j = i - period + 1; j <= i; j++) mean += close[j]!;
      mean /= period;
      m2 = 0;
      for (let j = i - period + 1; j <= i; j++) {
        const d = close[j]! - mean;
        m2 += d * d;
      }
    } else {
      const old = close[i - period]!;
      const next = mean + (x - old) / period;
      m2 += (x - old) * (x - next + old - mean);
      mean = next;
    }
    const band = stddev * sqrt(m2 > 0 ? m2 / period : 0);
    middle[i] = mean;
    upper[i] = mean + band;
    lower[i] = mean - band;
  }
  return { middle, upper, lower };
}
