import type { PatternName } from "@/lib/commands/schema";
import type { AnalysisContext } from "../analyze";
import type { ChartPattern } from "../types";
import * as common from "./common";
import type { Line, PatternCandidate } from "./common";

// Imported bindings compile to property getters in the CommonJS builds tsx and jest run:
// bound once here, off the hot path.
const { CONFIRMATION_WEIGHT, confirmationScore, firstBreak, followThrough, lineAt, ramp } = common;

// Local copies of the swing kinds: imported bindings cost a property lookup in hot loops.
const HIGH = 1;
const LOW = -1;
/** Windows of consecutive swing points tried (5 swings = 3 touches on one side and 2 on the other). */
const MIN_SWINGS = 5;
const MAX_SWINGS = 8;
/** Largest swing residual from its boundary, as a share of the pattern's height. */
const MAX_RESIDUAL = 0.25;

interface Shape {
  name: PatternName;
  /** How unambiguously the slopes fit the class, 0..1. */
  clarity: number;
  /** The side a valid breakout goes to: +1 up, -1 down, 0 either. */
  expected: 1 | -1 | 0;
}

/**
 * Triangles, wedges and channels: least-squares lines through the swing highs and through the
 * swing lows of each window of MIN_SWINGS..MAX_SWINGS consecutive swings, classified by how far
 * each line moves over the window relative to the pattern's height (flat, rising, falling) and
 * whether the lines converge or run parallel. A close through a boundary in the swings after the
 * window confirms it (the wrong way for a directional pattern invalidates it); a window whose next
 * swings stayed inside is part of a longer pattern, tried in a longer window. O(p) windows.
 */
export function boundaryPatterns(ctx: AnalysisContext, out: PatternCandidate[], floor = 0): void {
  const { count, index, price, kind } = ctx.pivots;
  for (let j = 0; j + MIN_SWINGS <= count; j++) {
    // Regression sums grown one swing at a time, so each longer window costs O(1) to fit.
    SUMS.fill(0);
    for (let m = 1; m <= MAX_SWINGS && j + m <= count; m++) {
      const k = j + m - 1;
      const o = kind[k] === HIGH ? 0 : 5;
      const x = index[k]!;
      const y = price[k]!;
      SUMS[o]! += 1;
      SUMS[o + 1]! += x;
      SUMS[o + 2]! += y;
      SUMS[o + 3]! += x * x;
      SUMS[o + 4]! += x * y;
      if (m >= MIN_SWINGS) window(ctx, j, m, out, floor);
    }
  }
}

/** Per side (highs at 0, lows at 5): count, Σx, Σy, Σx², Σxy of the current window. */
const SUMS = new Float64Array(10);

/** Least-squares line from the window's sums for one side, written into `out`; false with fewer than two swings. */
function fit(o: number, out: Line): boolean {
  const n = SUMS[o]!;
  if (n < 2) return false;
  const sx = SUMS[o + 1]!;
  const sy = SUMS[o + 2]!;
  const den = n * SUMS[o + 3]! - sx * sx;
  if (den === 0) return false;
  out.slope = (n * SUMS[o + 4]! - sx * sy) / den;
  out.intercept = (sy - out.slope * sx) / n;
  return true;
}

function classify(du: number, dl: number, converging: boolean, parallel: boolean): Shape | null {
  if (converging) {
    // Both sides closing in at comparable rates: symmetrical, even if one is fairly shallow.
    if (du <= -0.12 && dl >= 0.12 && Math.min(-du, dl) >= 0.4 * Math.max(-du, dl)) {
      return { name: "symmetrical_triangle", clarity: 1 - Math.abs(du + dl) / Math.max(-du, dl), expected: 0 };
    }
    if (Math.abs(du) <= 0.15 && dl >= 0.3) return { name: "ascending_triangle", clarity: 0.5 * (1 - Math.abs(du) / 0.15) + 0.5 * ramp(dl, 0.3, 0.7), expected: 1 };
    if (Math.abs(dl) <= 0.15 && du <= -0.3) return { name: "descending_triangle", clarity: 0.5 * (1 - Math.abs(dl) / 0.15) + 0.5 * ramp(-du, 0.3, 0.7), expected: -1 };
    if (du >= 0.2 && dl > du) return { name: "rising_wedge", clarity: ramp(du, 0.2, 0.5) * ramp(dl - du, 0.1, 0.4), expected: -1 };
    if (dl <= -0.2 && du < dl) return { name: "falling_wedge", clarity: ramp(-dl, 0.2, 0.5) * ramp(dl - du, 0.1, 0.4), expected: 1 };
    return null;
  }
  if (parallel) {
    const mid = (du + dl) / 2;
    if (mid >= 0.4) return { name: "ascending_channel", clarity: ramp(mid, 0.4, 1), expected: 0 };
    if (mid <= -0.4) return { name: "descending_channel", clarity: ramp(-mid, 0.4, 1), expected: 0 };
    if (Math.abs(mid) <= 0.15) return { name: "horizontal_channel", clarity: 1 - Math.abs(mid) / 0.15, expected: 0 };
  }
  return null;
}

function swingPoints(ctx: AnalysisContext, j: number, m: number): number[] {
  const points: number[] = [];
  for (let k = j; k < j + m; k++) points.push(ctx.pivots.index[k]!, ctx.pivots.price[k]!);
  return points;
}

/** A flat line at the window's last swing of this kind. */
function lastSwing(ctx: AnalysisContext, j: number, m: number, kind: number): Line {
  const { pivots } = ctx;
  let k = j + m - 1;
  while (k > j && pivots.kind[k] !== kind) k--;
  return { slope: 0, intercept: pivots.price[k]! };
}

const DIRECTION: Record<string, ChartPattern["direction"]> = {
  ascending_triangle: "bullish",
  descending_triangle: "bearish",
  symmetrical_triangle: "neutral",
  rising_wedge: "bearish",
  falling_wedge: "bullish",
  ascending_channel: "bullish",
  descending_channel: "bearish",
  horizontal_channel: "neutral",
};

// Scratch lines for the windows: most windows are rejected, so they allocate nothing.
const UPPER: Line = { slope: 0, intercept: 0 };
const LOWER: Line = { slope: 0, intercept: 0 };

function window(ctx: AnalysisContext, j: number, m: number, out: PatternCandidate[], floor: number): void {
  const { pivots, cols } = ctx;
  if (!fit(0, UPPER) || !fit(5, LOWER)) return;
  const startIdx = pivots.index[j]!;
  const endIdx = pivots.index[j + m - 1]!;
  const span = endIdx - startIdx;
  const h0 = UPPER.intercept + UPPER.slope * startIdx - (LOWER.intercept + LOWER.slope * startIdx);
  const h1 = UPPER.intercept + UPPER.slope * endIdx - (LOWER.intercept + LOWER.slope * endIdx);
  if (!(h0 > 0 && h1 > 0) || span < 10) return;
  const height = h0 > h1 ? h0 : h1;
  const atr = ctx.atr[endIdx]!;
  if (height < 3 * atr) return;
  let residual = 0;
  for (let k = j; k < j + m; k++) {
    const x = pivots.index[k]!;
    const fitted = pivots.kind[k] === HIGH ? UPPER.intercept + UPPER.slope * x : LOWER.intercept + LOWER.slope * x;
    const r = Math.abs(pivots.price[k]! - fitted);
    if (r > residual) residual = r;
  }
  residual /= height;
  if (residual > MAX_RESIDUAL) return;
  const du = (UPPER.slope * span) / height;
  const dl = (LOWER.slope * span) / height;
  const ratio = h1 / h0;
  const shape = classify(du, dl, ratio < 0.65, ratio >= 0.75 && ratio <= 1.33);
  if (!shape) return;
  const touches = ramp(m, MIN_SWINGS, MAX_SWINGS);
  const size = ramp(height / atr, 3, 8);
  // Squared: a clean fit is the main evidence a shape is there and not read into noise.
  const fitScore = (1 - residual / MAX_RESIDUAL) ** 2;
  const shapeScore = 0.25 * fitScore + 0.15 * touches + 0.15 * size + 0.2 * shape.clarity;
  if (shapeScore + CONFIRMATION_WEIGHT < floor) return;
  const upper: Line = { slope: UPPER.slope, intercept: UPPER.intercept };
  const lower: Line = { slope: LOWER.slope, intercept: LOWER.intercept };

  // The two swings after the window: a breakout either way comes within them.
  const last = j + m - 1;
  const to = last + 2 < pivots.count ? pivots.index[last + 2]! : cols.length - 1;
  // Against the expected side, the pattern fails only below its last swing low (above its last
  // swing high): the extended line of a converging pattern soon runs past where price can be.
  const up = firstBreak(ctx, shape.expected === -1 ? lastSwing(ctx, j, m, HIGH) : upper, 1, endIdx + 1, to);
  const down = firstBreak(ctx, shape.expected === 1 ? lastSwing(ctx, j, m, LOW) : lower, -1, endIdx + 1, to);
  let breakIdx = -1;
  let side: 1 | -1 = 1;
  if (up >= 0 && (down < 0 || up < down)) breakIdx = up;
  else if (down >= 0) {
    breakIdx = down;
    side = -1;
  }
  let status: ChartPattern["status"];
  let direction = DIRECTION[shape.name]!;
  if (breakIdx >= 0) {
    if (shape.expected !== 0 && side !== shape.expected) return;
    status = "confirmed";
    if (shape.expected === 0) direction = side === 1 ? "bullish" : "bearish";
  } else if (last + 2 >= pivots.confirmed) {
    status = "forming";
  } else {
    return;
  }
  const endBar = breakIdx >= 0 ? breakIdx : cols.length - 1;
  const lead: 1 | -1 = direction === "bearish" ? -1 : 1;
  const boundary = lead === 1 ? upper : lower;
  let goal: number;
  if (shape.name === "rising_wedge") goal = lineAt(lower, startIdx);
  else if (shape.name === "falling_wedge") goal = lineAt(upper, startIdx);
  else goal = lineAt(boundary, endBar) + lead * (shape.name.endsWith("channel") ? h1 : h0);

  const carried = breakIdx >= 0 ? followThrough(ctx, breakIdx, side, lineAt(side === 1 ? upper : lower, breakIdx), shape.name.endsWith("channel") ? h1 : h0, Math.max(10, span)) : 0;
  const confirmation = confirmationScore(status, carried);
  const confidence = shapeScore + CONFIRMATION_WEIGHT * confirmation;
  out.push({
    name: shape.name,
    confidence,
    startIdx,
    endIdx: endBar,
    direction,
    status,
    points: swingPoints(ctx, j, m),
    neckline: [startIdx, lineAt(boundary, startIdx), endBar, lineAt(boundary, endBar)],
    target: goal,
  });
}
