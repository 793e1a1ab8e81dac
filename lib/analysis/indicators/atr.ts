import { checkPeriod, checkSameLength, outputBuffer, unrolledEnd } from "./buffer";

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
  for (let i = 1; i <= period; i++) avg += trueRange(high[i]!, low[i]!, close[i - 1]!);
  avg /= period;
  res[period] = avg;
  const keep = period - 1;
  const inv = 1 / period;
  // The previous close is carried in a register. Unrolled by 2, both bars' loads before their
  // stores: TurboFan reloads an input array's map, length and data pointer after every element
  // store, so per pair rather than per bar (wider blocks ran out of registers and measured slower).
  let pc = close[period]!;
  let i = period + 1;
  const end = unrolledEnd(n, 2);
  for (; i < end; i += 2) {
    const h0 = high[i]!, h1 = high[i + 1]!;
    const l0 = low[i]!, l1 = low[i + 1]!;
    const c0 = close[i]!, c1 = close[i + 1]!;
    const a0 = (avg * keep + gapRange(h0, l0, pc)) * inv;
    avg = (a0 * keep + gapRange(h1, l1, c0)) * inv;
    pc = c1;
    res[i] = a0;
    res[i + 1] = avg;
  }
  for (; i < n; i++) {
    avg = (avg * keep + gapRange(high[i]!, low[i]!, pc)) * inv;
    pc = close[i]!;
    res[i] = avg;
  }
  return res;
}

/** The three-way definition, for the few warm-up bars. */
function trueRange(h: number, l: number, pc: number): number {
  let tr = h - l;
  const up = h > pc ? h - pc : pc - h;
  const down = l > pc ? l - pc : pc - l;
  if (up > tr) tr = up;
  if (down > tr) tr = down;
  return tr;
}

/**
 * The true range as max(high, prevClose) - min(low, prevClose), which for high >= low is the same
 * double as the three-way max (each candidate difference is one rounded subtraction, and rounding
 * is monotonic). The max and min are picked by multiplying with a 0/1 flag (x·1 + (y - y·1) is
 * exactly x, x·0 + (y - y·0) exactly y), so the cost does not depend on how often a gap goes
 * beyond the bar's range: a branch (Math.max compiles to one too) mispredicts on those gaps, and
 * measured no faster even on the bench's 1-in-10. One flag per side, reused for both products,
 * saves an int-to-double conversion against x·f + y·(1 - f).
 */
function gapRange(h: number, l: number, pc: number): number {
  const above = +(h > pc);
  const below = +(l < pc);
  return h * above + (pc - pc * above) - (l * below + (pc - pc * below));
}
