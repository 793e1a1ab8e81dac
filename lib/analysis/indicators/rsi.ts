import { checkPeriod, outputBuffer } from "./buffer";

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
  // Multiplying by 1/period keeps the division out of the loop-carried chain. The change's part
  // in the gain (loss) is d·[d > 0] (-d·[d < 0]), the same double as max(d, 0) (max(-d, 0)) up to
  // the sign of a zero, which adding to avg·keep >= 0 cannot show: the sign of each change is a
  // coin flip, and a ternary or Math.max (compiled to branches) would mispredict half the bars.
  // The previous value is carried in a register rather than read again.
  const keep = period - 1;
  const inv = 1 / period;
  let prev = values[period]!;
  for (let i = period + 1; i < n; i++) {
    const x = values[i]!;
    const d = x - prev;
    prev = x;
    gain = (gain * keep + d * +(d > 0)) * inv;
    loss = (loss * keep - d * +(d < 0)) * inv;
    res[i] = rsiValue(gain, loss);
  }
  return res;
}

/** 100 - 100 / (1 + gain/loss), rewritten with one division. */
function rsiValue(gain: number, loss: number): number {
  if (loss === 0) return gain === 0 ? 50 : 100;
  return (100 * gain) / (gain + loss);
}
