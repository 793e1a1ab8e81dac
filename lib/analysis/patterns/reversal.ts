import type { AnalysisContext } from "../analyze";
import type { ChartPattern } from "../types";
import * as common from "./common";
import type { Line, PatternCandidate } from "./common";

// Imported bindings compile to property getters in the CommonJS builds tsx and jest run:
// bound once here, off the hot path.
const { clamp01, CONFIRMATION_WEIGHT, confirmationScore, firstBreak, followThrough, lineAt, lineThrough, ramp } = common;

/**
 * Reversal patterns on consecutive alternating swing points, after Lo, Mamaysky and Wang (2000),
 * with tolerances in units of the pattern's own height and of ATR instead of fixed percentages:
 * - double top: high, low, high with the two highs close together (bottom: mirrored);
 * - head and shoulders: high, low, high, low, high with the middle high above both shoulders,
 *   shoulders alike and a neckline through the two lows (inverse: mirrored).
 * Confirmed on a close through the neckline in the swing that follows; a pattern whose next swing
 * turned before reaching the neckline failed and is dropped; one at the end of the data is forming.
 */
export function reversalPatterns(ctx: AnalysisContext, out: PatternCandidate[], floor = 0): void {
  const { kind, count } = ctx.pivots;
  for (let j = 0; j + 2 < count; j++) {
    // kind is +1 for a swing high: a top pattern starts there, a bottom at a swing low.
    const s: 1 | -1 = kind[j]! > 0 ? 1 : -1;
    doubleExtreme(ctx, j, s, out, floor);
    if (j + 4 < count) headAndShoulders(ctx, j, s, out, floor);
  }
}

interface Completion {
  status: ChartPattern["status"];
  /** The breaking bar, or the last bar while forming. */
  endIdx: number;
}

/**
 * How the swing after pivot `last` treated the neckline: broke it (confirmed), is still under way
 * at the end of the data (forming), or turned first (null: failed).
 */
function complete(ctx: AnalysisContext, last: number, neckline: Line, s: 1 | -1): Completion | null {
  const { pivots, cols } = ctx;
  // The pattern's last swing must itself be established, or there is no pattern yet.
  if (last >= pivots.confirmed) return null;
  const to = last + 1 < pivots.count ? pivots.index[last + 1]! : cols.length - 1;
  const broke = firstBreak(ctx, neckline, s === 1 ? -1 : 1, pivots.index[last]! + 1, to);
  if (broke >= 0) return { status: "confirmed", endIdx: broke };
  if (last + 1 >= pivots.confirmed) return { status: "forming", endIdx: cols.length - 1 };
  return null;
}

/** How much the swing before the pattern trended into it (0..1), from the pivot before `j`. */
function priorTrend(ctx: AnalysisContext, j: number, s: 1 | -1, neck: number, height: number): number {
  if (j === 0) return 0.5;
  // For a top the swing low before the first peak should sit below the neckline.
  return ramp((s * (neck - ctx.pivots.price[j - 1]!)) / height, 0, 0.6);
}

function doubleExtreme(ctx: AnalysisContext, j: number, s: 1 | -1, out: PatternCandidate[], floor: number): void {
  const { pivots } = ctx;
  // Cheap rejection first: the two extremes within 30% of the pattern's height of each other.
  if (Math.abs(pivots.price[j]! - pivots.price[j + 2]!) > 0.3 * s * (pivots.price[j]! - pivots.price[j + 1]!) * 1.5) return;
  const i1 = pivots.index[j]!;
  const iL = pivots.index[j + 1]!;
  const i2 = pivots.index[j + 2]!;
  const p1 = pivots.price[j]!;
  const pL = pivots.price[j + 1]!;
  const p2 = pivots.price[j + 2]!;
  const atr = ctx.atr[i2]!;
  const height = (s * (p1 + p2)) / 2 - s * pL;
  if (!(height >= 2.5 * atr) || i2 - i1 < 6) return;
  const diff = Math.abs(p1 - p2) / height;
  if (diff > 0.3) return;
  const neckline = lineThrough(iL, pL, i2, pL);
  const equality = 1 - diff / 0.3;
  const legs = Math.min(iL - i1, i2 - iL) / Math.max(iL - i1, i2 - iL);
  const size = ramp(height / atr, 3, 8);
  const prior = priorTrend(ctx, j, s, pL, height);
  const shapeScore = 0.3 * equality + 0.1 * legs + 0.15 * size + 0.2 * prior;
  if (shapeScore + CONFIRMATION_WEIGHT < floor) return;
  const done = complete(ctx, j + 2, neckline, s);
  if (!done) return;
  const carried = done.status === "confirmed" ? followThrough(ctx, done.endIdx, s === 1 ? -1 : 1, pL, height, Math.max(10, i2 - i1)) : 0;
  const confirmation = confirmationScore(done.status, carried);
  const confidence = shapeScore + CONFIRMATION_WEIGHT * confirmation;
  const name = s === 1 ? "double_top" : "double_bottom";
  out.push({
    name,
    confidence,
    startIdx: i1,
    endIdx: done.endIdx,
    direction: s === 1 ? "bearish" : "bullish",
    status: done.status,
    points: [i1, p1, iL, pL, i2, p2],
    neckline: [iL, pL, done.endIdx, pL],
    target: pL - s * height,
  });
}

function headAndShoulders(ctx: AnalysisContext, j: number, s: 1 | -1, out: PatternCandidate[], floor: number): void {
  const { index, price } = ctx.pivots;
  const i0 = index[j]!;
  const i1 = index[j + 1]!;
  const i2 = index[j + 2]!;
  const i3 = index[j + 3]!;
  const i4 = index[j + 4]!;
  const l1 = price[j]!;
  const r1 = price[j + 1]!;
  const head = price[j + 2]!;
  const r2 = price[j + 3]!;
  const l2 = price[j + 4]!;
  // Cheap rejections first: the head must stand out beyond both shoulders.
  if (s * (head - l1) <= 0 || s * (head - l2) <= 0) return;
  const neckline = lineThrough(i1, r1, i3, r2);
  const neckAtHead = lineAt(neckline, i2);
  const height = s * (head - neckAtHead);
  const atr = ctx.atr[i4]!;
  if (!(height >= 3 * atr)) return;
  // Shoulders: below the head, above the neckline, alike; troughs: a gently sloped neckline.
  const shoulderTop = s === 1 ? Math.max(l1, l2) : Math.min(l1, l2);
  const prominence = (s * (head - shoulderTop)) / height;
  if (prominence < 0.12) return;
  const leftAbove = s * (l1 - lineAt(neckline, i0));
  const rightAbove = s * (l2 - lineAt(neckline, i4));
  if (leftAbove < 0.25 * height || rightAbove < 0.25 * height) return;
  const shoulderDiff = Math.abs(leftAbove - rightAbove) / height;
  if (shoulderDiff > 0.35) return;
  const neckTilt = Math.abs(r1 - r2) / height;
  if (neckTilt > 0.4) return;
  const halves = Math.min(i2 - i0, i4 - i2) / Math.max(i2 - i0, i4 - i2);
  const shape = 0.5 * (1 - shoulderDiff / 0.35) + 0.25 * (1 - neckTilt / 0.4) + 0.25 * ramp(prominence, 0.12, 0.35);
  const size = ramp(height / atr, 3, 8);
  const prior = priorTrend(ctx, j, s, Math.min(s * r1, s * r2) * s, height);
  const shapeScore = 0.35 * shape + 0.1 * clamp01(halves * 1.5) + 0.1 * size + 0.2 * prior;
  if (shapeScore + CONFIRMATION_WEIGHT < floor) return;
  const done = complete(ctx, j + 4, neckline, s);
  if (!done) return;
  const carried =
    done.status === "confirmed" ? followThrough(ctx, done.endIdx, s === 1 ? -1 : 1, lineAt(neckline, done.endIdx), height, Math.max(10, i4 - i0)) : 0;
  const confirmation = confirmationScore(done.status, carried);
  const confidence = shapeScore + CONFIRMATION_WEIGHT * confirmation;
  const breakIdx = done.endIdx;
  const neckAtEnd = lineAt(neckline, breakIdx);
  const name = s === 1 ? "head_and_shoulders" : "inverse_head_and_shoulders";
  out.push({
    name,
    confidence,
    startIdx: i0,
    endIdx: breakIdx,
    direction: s === 1 ? "bearish" : "bullish",
    status: done.status,
    points: [i0, l1, i1, r1, i2, head, i3, r2, i4, l2],
    neckline: [i1, r1, breakIdx, neckAtEnd],
    target: neckAtEnd - s * height,
  });
}
