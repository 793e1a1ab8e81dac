/**
 * A small seeded PRNG for test fixtures and benchmarks: sfc32 (Chris Doty-Humphrey's Small Fast
 * Chaotic generator, 128-bit state, passes PractRand), seeded through splitmix32 so nearby seeds
 * give unrelated streams. Same seed, same sequence, on every platform.
 */
// Bound once: global lookups in hot loops are ~100x slower inside jest's vm context.
const { imul, sqrt, log, cos, sin, floor, PI } = Math;

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal (mean 0, sd 1), Box-Muller. */
  normal(): number;
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
}

export function createRng(seed: number): Rng {
  let s = seed >>> 0;
  const splitmix = (): number => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = imul(z ^ (z >>> 16), 0x85ebca6b);
    z = imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  const u32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // Discard the first outputs: sfc32's state mixes in over a few rounds.
  for (let i = 0; i < 12; i++) u32();

  const next = (): number => u32() / 4294967296;
  let spare = 0;
  let hasSpare = false;
  const normal = (): number => {
    if (hasSpare) {
      hasSpare = false;
      return spare;
    }
    let u = 0;
    while (u === 0) u = next();
    const r = sqrt(-2 * log(u));
    const theta = 2 * PI * next();
    spare = r * sin(theta);
    hasSpare = true;
    return r * cos(theta);
  };
  const int = (min: number, max: number): number => {
    if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) throw new RangeError(`bad integer range [${min}, ${max}]`);
    return min + floor(next() * (max - min + 1));
  };
  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new RangeError("pick from an empty list");
    return items[int(0, items.length - 1)]!;
  };
  return { next, normal, int, pick };
}
