import { checkPeriod, outputBuffer } from "./buffer";

/** Bound once: global lookups in hot loops are ~100x slower inside jest's vm context. */
const max = Math.max;

/**
 * Relative Strength Index, Wilder's definition: average gain and loss over the first `period`
 * changes are simple means, then smoothed with (avg * (period - 1) + x) / period;
 * RSI = 100 - 100 / (1 + avgGain / avgLoss). The first value is at index `period` (it needs
 * `period` changes); earlier bars are NaN. No loss gives 100, no gain (with losses) gives 0,
 * a flat window (neither) gives 50, the neutral reading, where technicalindicators says 100.
 * Unlike technicalindicators the result is not rounded to 2 decimals.
 */
export function rsi(values: Float64Array, period = 14, out?: Float64Array): Float64Array {
  checkPeriod(period);
  const n = values.length;
  const res = outputBuffer(n, out);
  const warm = Math.min(period, n);
  for (let i = 0; i < warm; i++) res[i] = NaN;
  if (n <= period) return res;
  let gain = 0;
  let loss = 0;
  for (let i = 1; i <= period; i++) {
    const d = values[i]! - values[i - 1]!;
    if (d > 0) gain += d;
    else loss -= d;
  }
  gain /= period;
  loss /= period;
  res[period] = rsiValue(gain, loss);
  // Multiplying by 1/period keeps the division out of the loop-carried chain; max() rather than
  // a ternary keeps the coin-flip sign of each change from becoming a mispredicted branch.
  const keep = period - 1;
  const inv = 1 / period;
  for (let i = period + 1; i < n; i++) {
    const d = values[i]! - values[i - 1]!;
    gain = (gain * keep + max(d, 0)) * inv;
    loss = (loss * keep + max(-d, 0)) * inv;
    res[i] = rsiValue(gain, loss);
  }
  return res;
}

/** 100 - 100 / (1 + gain/loss), rewritten with one division. */
function rsiValue(gain: number, loss: number): number {
  if (loss === 0) return gain === 0 ? 50 : 100;
  return (100 * gain) / (gain + loss);
}
