import { checkPeriod, outputBuffer } from "./buffer";

/**
 * Exponential moving average with k = 2 / (period + 1), seeded with the simple average of the
 * first `period` values (as TA-Lib and technicalindicators do), so out[period-1] is that SMA
 * and earlier bars are NaN.
 */
export function ema(values: Float64Array, period: number, out?: Float64Array): Float64Array {
  checkPeriod(period);
  return smoothed(values, period, 2 / (period + 1), outputBuffer(values.length, out));
}

/**
 * Wilder's smoothing (an EMA with k = 1 / period, the "RMA"/"WEMA"), seeded the same way.
 * RSI and ATR are built on it.
 */
export function wilder(values: Float64Array, period: number, out?: Float64Array): Float64Array {
  checkPeriod(period);
  return smoothed(values, period, 1 / period, outputBuffer(values.length, out));
}

function smoothed(values: Float64Array, period: number, k: number, res: Float64Array): Float64Array {
  const n = values.length;
  if (n < period) {
    res.fill(NaN);
    return res;
  }
  let sum = 0;
  for (let i = 0; i < period - 1; i++) {
    sum += values[i]!;
    res[i] = NaN;
  }
  sum += values[period - 1]!;
  let prev = sum / period;
  res[period - 1] = prev;
  // x·k + prev·(1 - k) rather than prev + (x - prev)·k: the same value, but only a multiply and an
  // add depend on the previous bar, which is what bounds this loop.
  const keep = 1 - k;
  for (let i = period; i < n; i++) {
    prev = values[i]! * k + prev * keep;
    res[i] = prev;
  }
  return res;
}
