/**
 * Shared pieces of the indicator modules. Every indicator writes into a caller's buffer when
 * given one, so hot loops (benchmarks, repeated analyses) reuse memory instead of touching fresh
 * pages on every call.
 */

/**
 * Rolling sums are updated by adding the new value and subtracting the one leaving the window,
 * which lets rounding error accumulate over millions of bars. Every this many bars the window is
 * recomputed from scratch, bounding the error to what 16,384 updates can gather (~1e-12 relative)
 * for period/16384 extra work per bar.
 */
export const REANCHOR_EVERY = 1 << 14; // a power of two: tested with a bit mask, not a division

/** `out` (at least `n` long; the first `n` slots are used) or a fresh array of `n`. */
export function outputBuffer(n: number, out: Float64Array | undefined, name = "out"): Float64Array {
  if (out === undefined) return new Float64Array(n);
  if (out.length < n) throw new RangeError(`${name} buffer has ${out.length} slots, needs ${n}`);
  return out.length === n ? out : out.subarray(0, n);
}

/** Periods are whole numbers of bars, at least `min`. */
export function checkPeriod(period: number, name = "period", min = 1): void {
  if (!Number.isInteger(period) || period < min) throw new RangeError(`${name} must be an integer >= ${min}, got ${period}`);
}

export function checkSameLength(n: number, ...series: Float64Array[]): void {
  for (const s of series) {
    if (s.length !== n) throw new RangeError(`input series differ in length: ${s.length} vs ${n}`);
  }
}

/**
 * Exclusive end of a loop unrolled by `step` (room for i + step - 1), capped below 2^31. TurboFan
 * types the loop index from this bound: under the cap it can prove i + 1 … i + step - 1 fit an
 * int32, so each offset is one shared add instead of an overflow-checked add per array access.
 * Bars past the cap (arrays beyond 2^31 elements) fall to the caller's one-bar-at-a-time tail loop.
 */
export function unrolledEnd(n: number, step: number): number {
  return Math.min(n - step + 1, 0x7fffffff - step);
}
