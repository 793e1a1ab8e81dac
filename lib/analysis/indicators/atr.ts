import { checkPeriod, checkSameLength, outputBuffer } from "./buffer";


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
    // Ternaries, not Math.max/abs: gaps beyond the bar's range are rare, so these branches are
    // predictable and cheaper than the three-way max.
    let tr = h - l;
    const up = h > pc ? h - pc : pc - h;
    const down = l > pc ? l - pc : pc - l;
    if (up > tr) tr = up;
    if (down > tr) tr = down;
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
