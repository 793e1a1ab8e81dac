/**
 * Shared argument checks for the indicator modules. Every indicator writes into a caller's
 * buffer when given one, so hot loops (benchmarks, repeated analyses) reuse memory instead of
 * touching fresh pages on every call.
 */

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
