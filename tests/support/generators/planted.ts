import type { CandleColumns } from "@/lib/analysis/types";
import { emptyColumns } from "@/lib/analysis/columns";
import type { PatternName } from "@/lib/commands/schema";
import { createRng, type Rng } from "./rng";

/**
 * Seeded candles with one known chart pattern (or trading range) planted in noise, for measuring
 * recall. A pattern is a list of anchor prices in units of its height H above its base N, joined
 * by legs of a few to a couple of dozen bars; each leg is a straight line plus a Brownian bridge
 * (so it starts and ends at its anchors) plus wicks. Sizes, leg lengths and noise vary by seed:
 * base price 10-1,000, H 6-20% of price, per-bar noise 4-9% of H (the pattern spans roughly
 * 7-17 ATRs), legs 6-16 bars. Random swings come before and after it.
 */
export type PlantedKind = PatternName | "range";

export interface PlantedSeries {
  kind: PlantedKind;
  cols: CandleColumns;
  /** Bars of the planted pattern, from its first key point to the breakout's end. */
  startIdx: number;
  endIdx: number;
  /** For "range": the planted support and resistance prices. */
  support?: number;
  resistance?: number;
}

interface Leg {
  /** Target price in units of H above the base. */
  y: number;
  /** Leg length as a multiple of the series' base leg length. */
  len?: number;
  /** Noise multiple for this leg. */
  noise?: number;
}

interface Spec {
  /** Anchors before the pattern (the approach: prior trend). */
  before: Leg[];
  /** The pattern's own anchors; the first one starts the planted span. */
  pattern: Leg[];
  /** After the pattern: the breakout; the last one ends the planted span. */
  after: Leg[];
  /** First price, in units of H above the base. */
  from: number;
}

const j = (rng: Rng, x: number): number => (rng.next() * 2 - 1) * x;

function spec(kind: PlantedKind, rng: Rng): Spec {
  const e = (x = 0.04): number => j(rng, x);
  switch (kind) {
    case "double_top":
      return { from: -0.4, before: [{ y: -0.9 }], pattern: [{ y: 1 + e() }, { y: e() }, { y: 1 + e() }], after: [{ y: -0.9 }] };
    case "double_bottom":
      return { from: 0.4, before: [{ y: 0.9 }], pattern: [{ y: -1 + e() }, { y: e() }, { y: -1 + e() }], after: [{ y: 0.9 }] };
    case "head_and_shoulders":
      return {
        from: -0.3,
        before: [{ y: -0.9 }],
        pattern: [{ y: 0.65 + e() }, { y: e() }, { y: 1 + e(0.02) }, { y: e() }, { y: 0.65 + e() }],
        after: [{ y: -0.8 }],
      };
    case "inverse_head_and_shoulders":
      return {
        from: 0.3,
        before: [{ y: 0.9 }],
        pattern: [{ y: -0.65 + e() }, { y: e() }, { y: -1 + e(0.02) }, { y: e() }, { y: -0.65 + e() }],
        after: [{ y: 0.8 }],
      };
    case "ascending_triangle":
      return {
        from: -0.6,
        before: [{ y: -0.3 }],
        pattern: [{ y: 1 + e(0.03) }, { y: 0 }, { y: 1 + e(0.03) }, { y: 0.35 + e() }, { y: 1 + e(0.03) }, { y: 0.65 + e() }, { y: 1 + e(0.03) }],
        after: [{ y: 0.82, len: 0.6 }, { y: 1.8 }],
      };
    case "descending_triangle":
      return {
        from: 1.6,
        before: [{ y: 1.3 }],
        pattern: [{ y: e(0.03) }, { y: 1 }, { y: e(0.03) }, { y: 0.65 + e() }, { y: e(0.03) }, { y: 0.35 + e() }, { y: e(0.03) }],
        after: [{ y: 0.18, len: 0.6 }, { y: -0.8 }],
      };
    case "symmetrical_triangle": {
      const up = rng.next() < 0.5;
      return {
        from: up ? -0.5 : 1.5,
        before: [{ y: up ? -0.2 : 1.2 }],
        pattern: (up
          ? [1, 0, 0.74, 0.26, 0.56, 0.44]
          : [0, 1, 0.26, 0.74, 0.44, 0.56]
        ).map((y) => ({ y: y + e() })),
        after: [{ y: up ? 1.4 : -0.4 }],
      };
    }
    case "rising_wedge": {
      // Straight converging lines: lows rise 0.25 H per swing, highs 0.13 H.
      const ys = [0, 1.13, 0.5, 1.39, 1, 1.65, 1.5];
      return { from: -0.8, before: [{ y: 0.45 }], pattern: ys.map((y) => ({ y: y + e(0.03) })), after: [{ y: 1.62, len: 0.5 }, { y: 0.3 }] };
    }
    case "falling_wedge": {
      const ys = [1, -0.13, 0.5, -0.39, 0, -0.65, -0.5];
      return { from: 1.8, before: [{ y: 0.55 }], pattern: ys.map((y) => ({ y: y + e(0.03) })), after: [{ y: -0.62, len: 0.5 }, { y: 0.7 }] };
    }
    case "bull_flag":
      return {
        from: -0.1,
        before: [{ y: 0.05, noise: 0.6 }],
        pattern: [{ y: 0, len: 0.3 }, { y: 1, len: 0.55 }, { y: 0.75 + e(), len: 0.45, noise: 0.5 }, { y: 0.85 + e(0.03), len: 0.35, noise: 0.5 }, { y: 0.7 + e(), len: 0.45, noise: 0.5 }],
        after: [{ y: 1.6, len: 0.9 }],
      };
    case "bear_flag":
      return {
        from: 0.1,
        before: [{ y: -0.05, noise: 0.6 }],
        pattern: [{ y: 0, len: 0.3 }, { y: -1, len: 0.55 }, { y: -0.75 + e(), len: 0.45, noise: 0.5 }, { y: -0.85 + e(0.03), len: 0.35, noise: 0.5 }, { y: -0.7 + e(), len: 0.45, noise: 0.5 }],
        after: [{ y: -1.6, len: 0.9 }],
      };
    case "ascending_channel": {
      const rise = 0.2 + rng.next() * 0.2;
      return {
        from: -0.6,
        before: [{ y: 0.5 }],
        pattern: [0, 1, 2, 3, 4, 5, 6].map((k) => ({ y: (k % 2 === 0 ? 0 : 1) + rise * k + e(0.03) })),
        after: [{ y: rise * 6 - 0.7 }],
      };
    }
    case "descending_channel": {
      const fall = 0.2 + rng.next() * 0.2;
      return {
        from: 1.6,
        before: [{ y: 0.5 }],
        pattern: [0, 1, 2, 3, 4, 5, 6].map((k) => ({ y: (k % 2 === 0 ? 1 : 0) - fall * k + e(0.03) })),
        after: [{ y: 1.7 - fall * 6 }],
      };
    }
    case "horizontal_channel":
      return {
        from: -0.5,
        before: [{ y: 0.5 }],
        pattern: [0, 1, 2, 3, 4, 5, 6].map((k) => ({ y: (k % 2 === 0 ? 0 : 1) + e(0.03) })),
        after: [{ y: 1.8 }],
      };
    case "range":
      return {
        from: 0.5,
        before: [{ y: 0.5 }],
        // A range is where price turns at the same prices: swings with half the noise of a pattern leg.
        pattern: [0, 1, 2, 3, 4, 5, 6, 7].map((k) => ({ y: (k % 2 === 0 ? 0 : 1) + e(0.02), noise: 0.5 })),
        after: [{ y: 0.5 }],
      };
  }
}

export interface PlantOptions {
  seed: number;
  /** Random swings before and after the pattern, in legs. Default 2 before, 1 after. */
  leadLegs?: number;
  tailLegs?: number;
}

/** One planted pattern (or trading range) in noisy seeded candles; see the module comment. */
export function plant(kind: PlantedKind, options: PlantOptions): PlantedSeries {
  const rng = createRng(options.seed * 7919 + hash(kind));
  const base = Math.exp(Math.log(10) + rng.next() * Math.log(100));
  const height = base * (0.06 + rng.next() * 0.14);
  const sigma = height * (0.04 + rng.next() * 0.05);
  const legBars = rng.int(6, 16);
  const s = spec(kind, rng);
  const lead: Leg[] = [];
  for (let k = 0; k < (options.leadLegs ?? 2); k++) lead.push({ y: s.from + j(rng, 0.5) });
  const tail: Leg[] = [];
  let last = s.after[s.after.length - 1]!.y;
  for (let k = 0; k < (options.tailLegs ?? 1); k++) {
    last += j(rng, 0.3);
    tail.push({ y: last, noise: 1 });
  }
  const legs = [...lead, ...s.before, ...s.pattern, ...s.after, ...tail];
  const first = lead.length + s.before.length;
  const lastPattern = first + s.pattern.length + s.after.length - 1;

  const closes: number[] = [base + s.from * height];
  let startIdx = 0;
  let endIdx = 0;
  legs.forEach((leg, k) => {
    const bars = Math.max(3, Math.round(legBars * (leg.len ?? 1) * (0.75 + rng.next() * 0.5)));
    const a = closes[closes.length - 1]!;
    const b = base + leg.y * height;
    const sd = sigma * (leg.noise ?? 1);
    // Brownian bridge: a random walk with its end pulled back to zero, added to the straight leg.
    const walk = [0];
    for (let t = 1; t <= bars; t++) walk.push(walk[t - 1]! + rng.normal() * sd);
    const end = walk[bars]!;
    for (let t = 1; t <= bars; t++) closes.push(a + ((b - a) * t) / bars + walk[t]! - (end * t) / bars);
    if (k === first) startIdx = closes.length - 1;
    if (k === lastPattern) endIdx = closes.length - 1;
  });

  const n = closes.length;
  const floor = base * 0.05;
  const cols = emptyColumns(n);
  for (let i = 0; i < n; i++) {
    const c = Math.max(floor, closes[i]!);
    const o = i === 0 ? c : Math.max(floor, closes[i - 1]! + rng.normal() * sigma * 0.2);
    cols.time[i] = 1_600_000_000 + i * 86_400;
    cols.open[i] = o;
    cols.close[i] = c;
    cols.high[i] = Math.max(o, c) + Math.abs(rng.normal()) * sigma * 0.5;
    cols.low[i] = Math.max(floor * 0.5, Math.min(o, c) - Math.abs(rng.normal()) * sigma * 0.5);
    cols.volume[i] = Math.round(1_000_000 * Math.exp(0.3 * rng.normal()));
  }
  const out: PlantedSeries = { kind, cols, startIdx, endIdx };
  if (kind === "range") {
    out.support = base;
    out.resistance = base + height;
  }
  return out;
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}
