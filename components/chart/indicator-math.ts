/**
 * Indicator series for the chart, computed in the browser from the loaded candles. Each is one
 * O(n) pass into a Float64Array of the input's length; bars before the warm-up are NaN (the
 * chart leaves them blank). Conventions follow the usual definitions: EMA seeded with the SMA
 * of its first period, Wilder's RSI, Bollinger bands with the population deviation.
 */

type Values = ArrayLike<number>;

function filled(n: number): Float64Array {
  return new Float64Array(n).fill(Number.NaN);
}

export function sma(values: Values, period: number): Float64Array {
  const n = values.length;
  const out = filled(n);
  if (period < 1 || period > n) return out;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    sum += values[i] as number;
    if (i >= period) sum -= values[i - period] as number;
    if (i >= period - 1) out[i] = sum / period;
  }
  return out;
}

/** EMA over `values[start..]`; NaN before `start + period - 1`. */
function emaFrom(values: Values, period: number, start: number): Float64Array {
  const n = values.length;
  const out = filled(n);
  if (period < 1 || start + period > n) return out;
  const k = 2 / (period + 1);
  let seed = 0;
  for (let i = start; i < start + period; i++) seed += values[i] as number;
  let prev = seed / period;
  out[start + period - 1] = prev;
  for (let i = start + period; i < n; i++) {
    prev = ((values[i] as number) - prev) * k + prev;
    out[i] = prev;
  }
  return out;
}

export function ema(values: Values, period: number): Float64Array {
  return emaFrom(values, period, 0);
}

/** Wilder's RSI: first average over `period` changes, then smoothed by (period - 1) / period. */
export function rsi(closes: Values, period: number): Float64Array {
  const n = closes.length;
  const out = filled(n);
  if (period < 1 || n <= period) return out;
  let gain = 0;
  let loss = 0;
  for (let i = 1; i <= period; i++) {
    const d = (closes[i] as number) - (closes[i - 1] as number);
    if (d > 0) gain += d;
    else loss -= d;
  }
  gain /= period;
  loss /= period;
  const value = () => (loss === 0 ? (gain === 0 ? 50 : 100) : 100 - 100 / (1 + gain / loss));
  out[period] = value();
  for (let i = period + 1; i < n; i++) {
    const d = (closes[i] as number) - (closes[i - 1] as number);
    gain = (gain * (period - 1) + (d > 0 ? d : 0)) / period;
    loss = (loss * (period - 1) + (d < 0 ? -d : 0)) / period;
    out[i] = value();
  }
  return out;
}

export interface Bands {
  middle: Float64Array;
  upper: Float64Array;
  lower: Float64Array;
}

export function bollinger(closes: Values, period: number, stddev: number): Bands {
  const n = closes.length;
  const middle = filled(n);
  const upper = filled(n);
  const lower = filled(n);
  if (period < 1 || period > n) return { middle, upper, lower };
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < n; i++) {
    const v = closes[i] as number;
    sum += v;
    sumSq += v * v;
    if (i >= period) {
      const old = closes[i - period] as number;
      sum -= old;
      sumSq -= old * old;
    }
    if (i >= period - 1) {
      const mean = sum / period;
      // Rounding can leave a tiny negative variance on flat stretches.
      const sd = Math.sqrt(Math.max(0, sumSq / period - mean * mean));
      middle[i] = mean;
      upper[i] = mean + stddev * sd;
      lower[i] = mean - stddev * sd;
    }
  }
  return { middle, upper, lower };
}

export interface Macd {
  macd: Float64Array;
  signal: Float64Array;
  histogram: Float64Array;
}

export function macd(closes: Values, fast: number, slow: number, signalPeriod: number): Macd {
  const n = closes.length;
  const fastLine = ema(closes, fast);
  const slowLine = ema(closes, slow);
  const line = filled(n);
  const first = Math.max(fast, slow) - 1;
  for (let i = Math.max(0, first); i < n; i++) line[i] = (fastLine[i] as number) - (slowLine[i] as number);
  const signal = emaFrom(line, signalPeriod, Math.max(0, first));
  const histogram = filled(n);
  for (let i = 0; i < n; i++) histogram[i] = (line[i] as number) - (signal[i] as number);
  return { macd: line, signal, histogram };
}

export interface VwapInput {
  time: Values;
  high: Values;
  low: Values;
  close: Values;
  volume: Values;
  /** Restart the average every this many seconds (one UTC day for intraday bars); null: never. */
  sessionSeconds: number | null;
}

/** Volume-weighted typical price, cumulative within each session; without volume, the typical price. */
export function vwap({ time, high, low, close, volume, sessionSeconds }: VwapInput): Float64Array {
  const n = close.length;
  const out = filled(n);
  let pv = 0;
  let vol = 0;
  let session = Number.NaN;
  for (let i = 0; i < n; i++) {
    if (sessionSeconds !== null) {
      const s = Math.floor((time[i] as number) / sessionSeconds);
      if (s !== session) {
        session = s;
        pv = 0;
        vol = 0;
      }
    }
    const typical = ((high[i] as number) + (low[i] as number) + (close[i] as number)) / 3;
    const v = volume[i] as number;
    pv += typical * v;
    vol += v;
    out[i] = vol > 0 ? pv / vol : typical;
  }
  return out;
}
