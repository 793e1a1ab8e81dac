import { checkPeriod, checkSameLength, outputBuffer } from "./buffer";

/** Bound once: global lookups in hot loops are ~100x slower inside jest's vm context. */
const { abs, max } = Math;

/**
 * Average True Range, Wilder's definition as TA-Lib and technicalindicators compute it: the
 * true range max(high - low, |high - prevClose|, |low - prevClose|) exists from the second bar;
 * the first ATR (index `period`) is the mean of the first `period` true ranges, then
 * atr = (atr * (period - 1) + tr) / period. Earlier bars are NaN.
 */
export function atr(high: Float64Array, low: Float64Array, close: Float64Array, period = 14, out?: Float64Array): Float64Array {
  checkPeriod(period);
  const n = high.length;
  checkSameLength(n, low, close);
  const res = outputBuffer(n, out);
  const warm = Math.min(period, n);
  for (let i = 0; i < warm; i++) res[i] = NaN;
  if (n <= period) return res;
  let avg = 0;
  const keep = period - 1;
  const inv = 1 / period;
  for (let i = 1; i < n; i++) {
    const h = high[i]!;
    const l = low[i]!;
    const pc = close[i - 1]!;
    const tr = max(h - l, abs(h - pc), abs(l - pc));
    if (i < period) {
      avg += tr;
    } else if (i === period) {
      avg = (avg + tr) / period;
      res[i] = avg;
    } else {
      avg = (avg * keep + tr) * inv;
      res[i] = avg;
    }
  }
  return res;
}
