import type { PatternName } from "@/lib/commands/schema";
import type { AnalysisContext } from "../analyze";
import type { ChartPattern } from "../types";
import * as common from "./common";
import type { Line, PatternCandidate } from "./common";
import type { Pivots } from "../pivots";

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
/** Bound once: global lookups in hot loops are slow inside jest's vm context. */
const { abs, max, min } = Math;

/**
 * Triangles, wedges and channels: least-squares lines through the swing highs and through the
 * swing lows of each window of MIN_SWINGS..MAX_SWINGS consecutive swings, classified by how far
 * each line moves over the window relative to the pattern's height (flat, rising, falling) and
 * whether the lines converge or run parallel. A close through a boundary in the swings after the
 * window confirms it (the wrong way for a directional pattern invalidates it); a window whose next
 * swings stayed inside is part of a longer pattern, tried in a longer window. O(p) windows.
 */
export function boundaryPatterns(ctx: AnalysisContext, out: PatternCandidate[], floor = 0): void {
  scan(ctx, ctx.pivots, false, out, floor);
  // A symmetrical triangle's swings shrink as it converges, so its last ones often fall under the
  // full swing threshold and the window then reaches outside the pattern: symmetrical triangles
  // are also sought on the finer swings.
  scan(ctx, ctx.finePivots, true, out, floor);
}

function scan(ctx: AnalysisContext, pivots: Pivots, contracting: boolean, out: PatternCandidate[], floor: number): void {
  const { count, index, price, kind } = pivots;
  const shapes = contracting ? 1 << SYMMETRICAL : ALL_SHAPES;
  for (let j = 0; j + MIN_SWINGS <= count; j++) {
    // Regression sums (count, Σx, Σy, Σx², Σxy per side) grown one swing at a time in locals, so
    // each longer window costs O(1) to fit and nothing is stored or cleared per window.
    let hn = 0, hx = 0, hy = 0, hxx = 0, hxy = 0;
    let ln = 0, lx = 0, ly = 0, lxx = 0, lxy = 0;
    const firstHigh = kind[j] === HIGH ? price[j]! : price[j + 1]!;
    const firstLow = kind[j] === HIGH ? price[j + 1]! : price[j]!;
    let lastHigh = firstHigh;
    let lastLow = firstLow;
    for (let m = 1; m <= MAX_SWINGS && j + m <= count; m++) {
      const k = j + m - 1;
      const x = index[k]!;
      const y = price[k]!;
      if (kind[k] === HIGH) {
        lastHigh = y;
        hn += 1;
        hx += x;
        hy += y;
        hxx += x * x;
        hxy += x * y;
      } else {
        lastLow = y;
        ln += 1;
        lx += x;
        ly += y;
        lxx += x * x;
        lxy += x * y;
      }
      if (m < MIN_SWINGS) continue;
      // Only a window that contracts at both ends can hold a symmetrical triangle: skip the fit otherwise.
      if (contracting && !(lastHigh < firstHigh && lastLow > firstLow)) continue;
      // Least-squares lines through each side; none with fewer than two swings on a side.
      if (hn < 2 || ln < 2) continue;
      const hden = hn * hxx - hx * hx;
      const lden = ln * lxx - lx * lx;
      if (hden === 0 || lden === 0) continue;
      const us = (hn * hxy - hx * hy) / hden;
      const ls = (ln * lxy - lx * ly) / lden;
      window(ctx, pivots, shapes, j, m, us, (hy - us * hx) / hn, ls, (ly - ls * lx) / ln, out, floor);
    }
  }
}

const ALL_SHAPES = 0xff;

// Shape codes, so the classification of the many rejected windows allocates nothing.
const NONE = -1;
const SYMMETRICAL = 0;
const ASCENDING = 1;
const DESCENDING = 2;
const RISING_WEDGE = 3;
const FALLING_WEDGE = 4;
const ASCENDING_CHANNEL = 5;
const DESCENDING_CHANNEL = 6;
const HORIZONTAL_CHANNEL = 7;
const NAMES: readonly PatternName[] = [
  "symmetrical_triangle",
  "ascending_triangle",
  "descending_triangle",
  "rising_wedge",
  "falling_wedge",
  "ascending_channel",
  "descending_channel",
  "horizontal_channel",
];
const DIRECTIONS: readonly ChartPattern["direction"][] = ["neutral", "bullish", "bearish", "bearish", "bullish", "bullish", "bearish", "neutral"];
/** The side a valid breakout goes to: +1 up, -1 down, 0 either. */
const EXPECTED: readonly (1 | -1 | 0)[] = [0, 1, -1, -1, 1, 0, 0, 0];
const isChannel = (shape: number): boolean => shape >= ASCENDING_CHANNEL;

/** How unambiguously the slopes fit the class of the last `classify` call, 0..1. */
let clarity = 0;

/** The shape code for the lines' moves over the window (in pattern heights), NONE when no class fits. Sets `clarity`. */
function classify(du: number, dl: number, converging: boolean, parallel: boolean): number {
  if (converging) {
    // Both sides closing in at comparable rates: symmetrical, even if one is fairly shallow.
    if (du <= -0.12 && dl >= 0.12 && min(-du, dl) >= 0.4 * max(-du, dl)) {
      clarity = 1 - abs(du + dl) / max(-du, dl);
      return SYMMETRICAL;
    }
    if (abs(du) <= 0.15 && dl >= 0.3) {
      clarity = 0.5 * (1 - abs(du) / 0.15) + 0.5 * ramp(dl, 0.3, 0.7);
      return ASCENDING;
    }
    if (abs(dl) <= 0.15 && du <= -0.3) {
      clarity = 0.5 * (1 - abs(dl) / 0.15) + 0.5 * ramp(-du, 0.3, 0.7);
      return DESCENDING;
    }
    if (du >= 0.2 && dl > du) {
      clarity = ramp(du, 0.2, 0.5) * ramp(dl - du, 0.1, 0.4);
      return RISING_WEDGE;
    }
    if (dl <= -0.2 && du < dl) {
      clarity = ramp(-dl, 0.2, 0.5) * ramp(dl - du, 0.1, 0.4);
      return FALLING_WEDGE;
    }
    return NONE;
  }
  if (parallel) {
    const mid = (du + dl) / 2;
    if (mid >= 0.4) {
      clarity = ramp(mid, 0.4, 1);
      return ASCENDING_CHANNEL;
    }
    if (mid <= -0.4) {
      clarity = ramp(-mid, 0.4, 1);
      return DESCENDING_CHANNEL;
    }
    if (abs(mid) <= 0.15) {
      clarity = 1 - abs(mid) / 0.15;
      return HORIZONTAL_CHANNEL;
    }
  }
  return NONE;
}

function swingPoints(pivots: Pivots, j: number, m: number): number[] {
  const points: number[] = [];
  for (let k = j; k < j + m; k++) points.push(pivots.index[k]!, pivots.price[k]!);
  return points;
}

/** A flat line at the window's last swing of this kind. */
function lastSwing(pivots: Pivots, j: number, m: number, kind: number): Line {
  let k = j + m - 1;
  while (k > j && pivots.kind[k] !== kind) k--;
  return { slope: 0, intercept: pivots.price[k]! };
}

/** One window of swings `j .. j+m-1` with its fitted upper (us, ui) and lower (ls, li) lines: most are rejected before anything is allocated. */
function window(
  ctx: AnalysisContext,
  pivots: Pivots,
  shapes: number,
  j: number,
  m: number,
  us: number,
  ui: number,
  ls: number,
  li: number,
  out: PatternCandidate[],
  floor: number,
): void {
  const { cols } = ctx;
  const { index, price, kind } = pivots;
  const startIdx = index[j]!;
  const endIdx = index[j + m - 1]!;
  const span = endIdx - startIdx;
  const h0 = ui + us * startIdx - (li + ls * startIdx);
  const h1 = ui + us * endIdx - (li + ls * endIdx);
  if (!(h0 > 0 && h1 > 0) || span < 10) return;
  const height = h0 > h1 ? h0 : h1;
  const atr = ctx.atr[endIdx]!;
  if (height < 3 * atr) return;
  // Classified before the residual scan: most windows fit no class and stop here.
  const du = (us * span) / height;
  const dl = (ls * span) / height;
  const ratio = h1 / h0;
  const shape = classify(du, dl, ratio < 0.65, ratio >= 0.75 && ratio <= 1.33);
  if (shape === NONE || ((shapes >> shape) & 1) === 0) return;
  const shapeClarity = clarity;
  const touches = ramp(m, MIN_SWINGS, MAX_SWINGS);
  const size = ramp(height / atr, 3, 8);
  // The best score a perfect fit could reach: below the floor, the residual scan is not needed.
  const rest = 0.15 * touches + 0.15 * size + 0.2 * shapeClarity;
  if (0.25 + rest + CONFIRMATION_WEIGHT < floor) return;
  let residual = 0;
  for (let k = j; k < j + m; k++) {
    const x = index[k]!;
    const fitted = kind[k] === HIGH ? ui + us * x : li + ls * x;
    const d = price[k]! - fitted;
    const r = d < 0 ? -d : d;
    if (r > residual) residual = r;
  }
  residual /= height;
  if (residual > MAX_RESIDUAL) return;
  // Squared: a clean fit is the main evidence a shape is there and not read into noise.
  const fitScore = (1 - residual / MAX_RESIDUAL) ** 2;
  const shapeScore = 0.25 * fitScore + rest;
  if (shapeScore + CONFIRMATION_WEIGHT < floor) return;
  const upper: Line = { slope: us, intercept: ui };
  const lower: Line = { slope: ls, intercept: li };
  const expected = EXPECTED[shape]!;

  // The two swings after the window: a breakout either way comes within them.
  const last = j + m - 1;
  const to = last + 2 < pivots.count ? index[last + 2]! : cols.length - 1;
  // Against the expected side, the pattern fails only below its last swing low (above its last
  // swing high): the extended line of a converging pattern soon runs past where price can be.
  const up = firstBreak(ctx, expected === -1 ? lastSwing(pivots, j, m, HIGH) : upper, 1, endIdx + 1, to);
  const down = firstBreak(ctx, expected === 1 ? lastSwing(pivots, j, m, LOW) : lower, -1, endIdx + 1, to);
  let breakIdx = -1;
  let side: 1 | -1 = 1;
  if (up >= 0 && (down < 0 || up < down)) breakIdx = up;
  else if (down >= 0) {
    breakIdx = down;
    side = -1;
  }
  let status: ChartPattern["status"];
  let direction = DIRECTIONS[shape]!;
  if (breakIdx >= 0) {
    if (expected !== 0 && side !== expected) return;
    status = "confirmed";
    if (expected === 0) direction = side === 1 ? "bullish" : "bearish";
  } else if (last + 2 >= pivots.confirmed) {
    status = "forming";
  } else {
    return;
  }
  const endBar = breakIdx >= 0 ? breakIdx : cols.length - 1;
  const lead: 1 | -1 = direction === "bearish" ? -1 : 1;
  const boundary = lead === 1 ? upper : lower;
  const move = isChannel(shape) ? h1 : h0;
  let goal: number;
  if (shape === RISING_WEDGE) goal = lineAt(lower, startIdx);
  else if (shape === FALLING_WEDGE) goal = lineAt(upper, startIdx);
  else goal = lineAt(boundary, endBar) + lead * move;

  const carried = breakIdx >= 0 ? followThrough(ctx, breakIdx, side, lineAt(side === 1 ? upper : lower, breakIdx), move, max(10, span)) : 0;
  const confirmation = confirmationScore(status, carried);
  const confidence = shapeScore + CONFIRMATION_WEIGHT * confirmation;
  out.push({
    name: NAMES[shape]!,
    confidence,
    startIdx,
    endIdx: endBar,
    direction,
    status,
    points: swingPoints(pivots, j, m),
    neckline: [startIdx, lineAt(boundary, startIdx), endBar, lineAt(boundary, endBar)],
    target: goal,
  });
}
