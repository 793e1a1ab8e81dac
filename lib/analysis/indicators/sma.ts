import { checkPeriod, outputBuffer } from "./buffer";

/**
 * Simple moving average: out[i] = mean(values[i-period+1 .. i]); NaN for the first period-1 bars.
 *
 * One pass with a rolling sum. The sum is compensated (Neumaier), so adding and removing a
 * million values leaves no visible drift; the extra flops cost next to nothing against memory.
 */
export function sma(values: Float64Array, period: number, out?: Float64Array): Float64Array {
  checkPeriod(period);
  const n = values.length;
  const res = outputBuffer(n, out);
  const warm = Math.min(period - 1, n);
  for (let i = 0; i < warm; i++) res[i] = NaN;
  let sum = 0;
  let comp = 0;
  for (let i = 0; i < n; i++) {
    const add = values[i]!;
    let t = sum + add;
    comp += (sum < 0 ? -sum : sum) >= (add < 0 ? -add : add) ? sum - t + add : add - t + sum;
    sum = t;
    if (i >= period) {
      const sub = -values[i - period]!;
      t = sum + sub;
      comp += (sum < 0 ? -sum : sum) >= (sub < 0 ? -sub : sub) ? sum - t + sub : sub - t + sum;
      sum = t;
    }
    if (i >= period - 1) res[i] = (sum + comp) / period;
  }
  return res;
}
