/**
 * Seeded randomness for the demo market: integer hashing (so any bar, block or lattice
 * point can be drawn directly from its coordinates, without replaying history) and a small
 * fast PRNG for the sequential draws inside one block.
 */

/** 32-bit FNV-1a of a string. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** murmur3's finaliser: every input bit affects every output bit. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hash of a seed and integer coordinates (negative ones included). */
export function hashInts(seed: number, a: number, b = 0, c = 0): number {
  let h = fmix(seed ^ 0x9e3779b9);
  h = fmix(h ^ (a | 0));
  h = fmix(h ^ Math.imul(b | 0, 0x27d4eb2f));
  return fmix(h ^ Math.imul(c | 0, 0x165667b1));
}

/** Uniform in [0, 1) from a hash. */
export function unitOf(h: number): number {
  return h / 4_294_967_296;
}

/** Uniform in [-1, 1) at an integer lattice point. */
export function latticeValue(seed: number, octave: number, i: number): number {
  return unitOf(hashInts(seed, i, octave, 0x51ed)) * 2 - 1;
}

/**
 * Smooth value noise in [-1, 1]: random values on an integer lattice joined by a smoothstep,
 * so neighbouring points are close and distant ones independent.
 */
export function valueNoise(seed: number, octave: number, x: number): number {
  const i = Math.floor(x);
  const f = x - i;
  const s = f * f * (3 - 2 * f);
  const a = latticeValue(seed, octave, i);
  return a + (latticeValue(seed, octave, i + 1) - a) * s;
}

/** sfc32 (Small Fast Chaotic), seeded through the hash; passes PractRand. */
export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spare = Number.NaN;

  constructor(seed: number) {
    this.a = hashInts(seed, 1);
    this.b = hashInts(seed, 2);
    this.c = hashInts(seed, 3);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.u32();
  }

  private u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.u32() / 4_294_967_296;
  }

  /** Uniform in [lo, hi). */
  range(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Integer in [lo, hi], both inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** Standard normal, Box-Muller (the second value of each pair is kept for the next call). */
  normal(): number {
    if (!Number.isNaN(this.spare)) {
      const s = this.spare;
      this.spare = Number.NaN;
      return s;
    }
    const u = 1 - this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** Exponential with mean 1. */
  exponential(): number {
    return -Math.log(1 - this.next());
  }
}
