import { checkSameLength, outputBuffer, unrolledEnd } from "./buffer";

/** Bound once: global lookups in hot loops are ~100x slower inside jest's vm context. */
const floor = Math.floor;
const NAN = Number.NaN;

export interface VwapOptions {
  /**
   * Bar open times (unix seconds). With `sessionSeconds`, the running sums restart at every
   * session boundary, the usual intraday VWAP; without, the VWAP is cumulative from the first bar.
   */
  time?: Float64Array;
  /** Session length in seconds, e.g. 86400 for a VWAP that restarts at 00:00 UTC each day. */
  sessionSeconds?: number;
  /** Shift of the session boundary from 00:00 UTC in seconds (e.g. 48600 for 13:30 UTC, a US open). */
  sessionOffsetSeconds?: number;
}

/**
 * Volume-weighted average price of the typical price (high + low + close) / 3:
 * Σ(tp·volume) / Σ(volume) over the session so far. NaN while the session has no volume
 * (unknown volume is 0 in this contract, so a volume-less series has no VWAP rather than a
 * made-up one).
 */
export function vwap(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  volume: Float64Array,
  options: VwapOptions = {},
  out?: Float64Array,
): Float64Array {
  const n = high.length;
  checkSameLength(n, low, close, volume);
  const res = outputBuffer(n, out);
  const { time, sessionSeconds, sessionOffsetSeconds = 0 } = options;
  let pv = 0;
  let vol = 0;
  if (sessionSeconds === undefined) {
    // Σ((h + l + c)·v) / (3·Σv): the typical price's division by 3 done once per output.
    // Volumes are >= 0, so once Σv is positive it stays positive: the main loop needs no
    // branch, which measured ~1.7x faster on 1M bars than testing Σv on every bar.
    let i = 0;
    for (; i < n; i++) {
      const v = volume[i]!;
      pv += (high[i]! + low[i]! + close[i]!) * v;
      vol += v;
      if (vol > 0) {
        res[i++] = pv / (3 * vol);
        break;
      }
      res[i] = NAN;
    }
    // Unrolled by 4, each block's loads before its stores: TurboFan reloads an input array's map,
    // length and data pointer after every element store, so per block rather than per bar
    // (measured ~1.3x on 1M bars). The same operations in the same order: the same doubles.
    const end = unrolledEnd(n, 4);
    for (; i < end; i += 4) {
      const h0 = high[i]!, h1 = high[i + 1]!, h2 = high[i + 2]!, h3 = high[i + 3]!;
      const l0 = low[i]!, l1 = low[i + 1]!, l2 = low[i + 2]!, l3 = low[i + 3]!;
      const c0 = close[i]!, c1 = close[i + 1]!, c2 = close[i + 2]!, c3 = close[i + 3]!;
      const v0 = volume[i]!, v1 = volume[i + 1]!, v2 = volume[i + 2]!, v3 = volume[i + 3]!;
      pv += (h0 + l0 + c0) * v0;
      vol += v0;
      const r0 = pv / (3 * vol);
      pv += (h1 + l1 + c1) * v1;
      vol += v1;
      const r1 = pv / (3 * vol);
      pv += (h2 + l2 + c2) * v2;
      vol += v2;
      const r2 = pv / (3 * vol);
      pv += (h3 + l3 + c3) * v3;
      vol += v3;
      res[i] = r0;
      res[i + 1] = r1;
      res[i + 2] = r2;
      res[i + 3] = pv / (3 * vol);
    }
    for (; i < n; i++) {
      const v = volume[i]!;
      pv += (high[i]! + low[i]! + close[i]!) * v;
      vol += v;
      res[i] = pv / (3 * vol);
    }
    return res;
  }
  if (!(sessionSeconds > 0)) throw new RangeError(`sessionSeconds must be > 0, got ${sessionSeconds}`);
  if (time === undefined) throw new RangeError("sessionSeconds needs the time column");
  checkSameLength(n, time);
  let session = NAN;
  for (let i = 0; i < n; i++) {
    const s = floor((time[i]! - sessionOffsetSeconds) / sessionSeconds);
    if (s !== session) {
      session = s;
      pv = 0;
      vol = 0;
    }
    const v = volume[i]!;
    pv += (high[i]! + low[i]! + close[i]!) * v;
    vol += v;
    res[i] = vol > 0 ? pv / (3 * vol) : NAN;
  }
  return res;
}
