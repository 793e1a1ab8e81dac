import { checkPeriod, outputBuffer, REANCHOR_EVERY } from "./buffer";

/**
 * Simple moving average: out[i] = mean(values[i-period+1 .. i]); NaN for the first period-1 bars.
 * One pass with a rolling sum, recomputed exactly every REANCHOR_EVERY bars so no drift builds up.
 */
export function sma(values: Float64Array, period: number, out?: Float64Array): Float64Array {
  checkPeriod(period);
  const n = values.length;
  const res = outputBuffer(n, out);
  const warm = Math.min(period - 1, n);
  // Imported bindings compile to getter calls in bundled code: read once, outside the loop.
  const reanchorMask = REANCHOR_EVERY - 1;
  let sum = 0;
  for (let i = 0; i < warm; i++) {
    sum += values[i]!;
    res[i] = NaN;
  }
  for (let i = warm; i < n; i++) {
    if (i >= period && (i & reanchorMask) === 0) {
      sum = 0;
      for (let j = i - period + 1; j <= i; j++) sum += values[j]!;
    } else {
      sum += values[i]!;
      if (i >= period) sum -= values[i - period]!;
    }
    res[i] = sum / period;
  }
  return res;
}
