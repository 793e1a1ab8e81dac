import { checkPeriod, outputBuffer } from "./buffer";

export interface MacdResult {
  /** EMA(fast) - EMA(slow); NaN before both EMAs exist (index max(fast, slow) - 1). */
  macd: Float64Array;
  /** EMA(signal) of the MACD line, seeded with the SMA of its first `signal` values. */
  signal: Float64Array;
  /** macd - signal; NaN while the signal line warms up. */
  histogram: Float64Array;
}

export interface MacdBuffers {
  macd?: Float64Array;
  signal?: Float64Array;
  histogram?: Float64Array;
}

/**
 * MACD in one fused pass (three EMAs carried in registers, no intermediate arrays). Each EMA is
 * seeded with the SMA of its own first `period` inputs, as technicalindicators computes it;
 * TA-Lib instead delays the fast EMA's seed to line up with the slow one, which changes the first
 * few dozen values only (the seeds' influence decays geometrically).
 */
export function macd(close: Float64Array, fast = 12, slow = 26, signal = 9, out: MacdBuffers = {}): MacdResult {
  checkPeriod(fast, "fast");
  checkPeriod(slow, "slow");
  checkPeriod(signal, "signal");
  const n = close.length;
  const line = outputBuffer(n, out.macd, "macd");
  const sig = outputBuffer(n, out.signal, "signal");
  const hist = outputBuffer(n, out.histogram, "histogram");
  const kf = 2 / (fast + 1);
  const ks = 2 / (slow + 1);
  const kg = 2 / (signal + 1);
  // x·k + ema·(1 - k): only a multiply and an add on each loop-carried chain (see ema.ts).
  const jf = 1 - kf;
  const js = 1 - ks;
  const jg = 1 - kg;
  const start = Math.max(fast, slow) - 1;
  const signalStart = start + signal - 1;
  let ef = 0;
  let es = 0;
  let eg = 0;
  for (let i = 0; i < n; i++) {
    const x = close[i]!;
    if (i < fast) {
      ef += x;
      if (i === fast - 1) ef /= fast;
    } else ef = x * kf + ef * jf;
    if (i < slow) {
      es += x;
      if (i === slow - 1) es /= slow;
    } else es = x * ks + es * js;
    if (i < start) {
      line[i] = NaN;
      sig[i] = NaN;
      hist[i] = NaN;
      continue;
    }
    const m = ef - es;
    line[i] = m;
    if (i < signalStart) {
      eg += m;
      sig[i] = NaN;
      hist[i] = NaN;
      continue;
    }
    if (i === signalStart) eg = (eg + m) / signal;
    else eg = m * kg + eg * jg;
    sig[i] = eg;
    hist[i] = m - eg;
  }
  return { macd: line, signal: sig, histogram: hist };
}
