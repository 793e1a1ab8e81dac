import type { AnalysisContext } from "../analyze";
import type { ChartPattern } from "../types";
import * as common from "./common";
import type { Line, PatternCandidate } from "./common";

// Imported bindings compile to property getters in the CommonJS builds tsx and jest run:
// bound once here, off the hot path.
const { BREAK_ATR, CONFIRMATION_WEIGHT, confirmationScore, followThrough, lineAt, ramp } = common;

/** The pole: at least this many ATRs… */
const MIN_POLE_ATR = 4;
/** …covered at this many ATRs per bar or faster. */
const MIN_POLE_SPEED = 0.5;
/** Bars back from the pole's top searched for its base. */
const MAX_POLE_BARS = 30;
/** ATRs each bar of the pole must add to be counted in it. */
const POLE_BAR_GAIN = 0.25;
/** The flag may give back at most this share of the pole. */
const MAX_RETRACE = 0.5;
/** The pause's drift, as a share of the pole's speed. */
const MAX_PAUSE_SPEED = 0.3;
const MAX_FLAG_BARS = 50;
/** Relative slack of the break pre-check, a billion times the rounding of the exact test. */
const SCREEN_MARGIN = 1e-6;
/** Bound once: global lookups in hot loops are slow inside jest's vm context. */
const abs = Math.abs;

/**
 * Bull flags (bear: mirrored): a swing high reached by a steep pole (at least MIN_POLE_ATR ATRs
 * at MIN_POLE_SPEED ATRs per bar), then a small pause that drifts against the pole or sideways
 * and gives back at most MAX_RETRACE of it, confirmed by a close through the pause's upper
 * boundary (least-squares line of its highs raised to cover them all). Each pole scans at most
 * MAX_FLAG_BARS bars after it.
 */
export function flagPatterns(ctx: AnalysisContext, out: PatternCandidate[], floor = 0): void {
  const { kind, count } = ctx.finePivots;
  for (let j = 1; j < count; j++) flag(ctx, j, kind[j]! > 0 ? 1 : -1, out, floor);
}

/** Boundary over bars [from, to] of the pause: regression of highs (s=1) or lows, shifted to contain them. */
function boundary(ctx: AnalysisContext, from: number, to: number, s: 1 | -1): Line {
  const ys = s === 1 ? ctx.cols.high : ctx.cols.low;
  const len = to - from + 1;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (let i = from; i <= to; i++) {
    const y = ys[i]!;
    sx += i;
    sy += y;
    sxx += i * i;
    sxy += i * y;
  }
  const den = len * sxx - sx * sx;
  const slope = den === 0 ? 0 : (len * sxy - sx * sy) / den;
  let intercept = (sy - slope * sx) / len;
  let shift = 0;
  for (let i = from; i <= to; i++) {
    const r = s * (ys[i]! - (intercept + slope * i));
    if (r > shift) shift = r;
  }
  intercept += s * shift;
  return { slope, intercept };
}

function flag(ctx: AnalysisContext, j: number, s: 1 | -1, out: PatternCandidate[], floor: number): void {
  const { finePivots: pivots, cols } = ctx;
  const { high, low, close } = cols;
  const n = cols.length;
  const top = pivots.index[j]!;
  const peak = pivots.price[j]!;
  const against = s === 1 ? low : high;
  const atr = ctx.atr[top]!;
  // The pole lies within the swing that ended here: too short a swing cannot hold one.
  if (s * (peak - pivots.price[j - 1]!) < MIN_POLE_ATR * atr) return;
  // Pole base: going back from the top, each extra bar must add POLE_BAR_GAIN ATRs to the pole,
  // so a slow drift before a sharp move does not dilute the pole.
  let base = top - 1;
  let bestGain = -Infinity;
  const from = Math.max(pivots.index[j - 1]!, top - MAX_POLE_BARS);
  for (let i = top - 1; i >= from; i--) {
    const gain = s * (peak - against[i]!) - POLE_BAR_GAIN * atr * (top - i);
    if (gain > bestGain) {
      bestGain = gain;
      base = i;
    }
  }
  const poleBars = top - base;
  const pole = s * (peak - against[base]!);
  if (!(pole >= MIN_POLE_ATR * atr) || poleBars < 2) return;
  const speed = pole / (poleBars * atr);
  if (speed < MIN_POLE_SPEED) return;

  const maxBars = Math.min(MAX_FLAG_BARS, Math.max(8, 4 * poleBars));
  // A pause shorter than this is a wiggle in the move, not a flag.
  const minBars = Math.max(4, Math.round(0.6 * poleBars));
  let breakIdx = -1;
  let line: Line | null = null;
  // The boundary over bars [top+1, i-1] is refitted for every bar i. Its regression sums are grown
  // here in the same order boundary() adds them, so the slope is the same double; and since the
  // boundary is shifted to contain every bar of the pause, at bar i it lies at least as far out
  // as the last bar plus one bar of slope. A close that does not get past that (by a margin far
  // above rounding) cannot break the boundary, and only the rest pay for the full O(bars) fit.
  const ys = s === 1 ? high : low;
  let bx = 0;
  let by = 0;
  let bxx = 0;
  let bxy = 0;
  let i = top + 1;
  for (; i < n; i++) {
    if (s * (peak - against[i]!) > MAX_RETRACE * pole) return;
    if (i - top > maxBars) return;
    const prev = i - 1;
    if (prev > top) {
      const y = ys[prev]!;
      bx += prev;
      by += y;
      bxx += prev * prev;
      bxy += prev * y;
    }
    if (i - top > minBars) {
      const len = prev - top;
      const den = len * bxx - bx * bx;
      const slope = den === 0 ? 0 : (len * bxy - bx * by) / den;
      const c = close[i]!;
      const limit = BREAK_ATR * ctx.atr[i]!;
      const margin = SCREEN_MARGIN * (abs(c) + abs(peak) + abs(slope) * i);
      if (s * (c - ys[prev]! - slope) <= limit - margin) continue;
      line = boundary(ctx, top + 1, prev, s);
      if (s * (c - line.intercept - line.slope * i) > limit) {
        breakIdx = i;
        break;
      }
    }
  }
  const flagEnd = breakIdx >= 0 ? breakIdx - 1 : n - 1;
  const flagBars = flagEnd - top;
  if (flagBars < minBars) return;
  if (breakIdx < 0) line = boundary(ctx, top + 1, flagEnd, s);
  if (!line) return;

  // The pause: its drift (closes' regression) against the pole, its depth and its range.
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  let hi = -Infinity;
  let lo = Infinity;
  let deepest = top + 1;
  for (let k = top + 1; k <= flagEnd; k++) {
    const y = close[k]!;
    sx += k;
    sy += y;
    sxx += k * k;
    sxy += k * y;
    if (high[k]! > hi) hi = high[k]!;
    if (low[k]! < lo) lo = low[k]!;
    if (s * (against[k]! - against[deepest]!) < 0) deepest = k;
  }
  const len = flagBars;
  const den = len * sxx - sx * sx;
  const slope = den === 0 ? 0 : (len * sxy - sx * sy) / den;
  const drift = (s * slope * len) / pole;
  const range = (hi - lo) / pole;
  const retrace = (s * (peak - against[deepest]!)) / pole;
  // A pause, not the next swing: drifting at most a third as fast as the pole went.
  const relativeSpeed = (Math.abs(slope) * poleBars) / pole;
  if (drift > 0.15 || retrace > MAX_RETRACE || range > MAX_RETRACE || relativeSpeed > MAX_PAUSE_SPEED) return;

  const poleScore = 0.5 * ramp(pole / atr, MIN_POLE_ATR, 8) + 0.5 * ramp(speed, MIN_POLE_SPEED, 1);
  // Textbook flags stay within about a third of the pole and drift against it.
  const tight = 1 - ramp(range, 0.3, MAX_RETRACE);
  const counter = ramp(-drift, -0.15, 0.1);
  const ratio = flagBars / poleBars;
  const duration = ramp(ratio, 0.2, 0.6) * (1 - ramp(ratio, 3, 6));
  const status: ChartPattern["status"] = breakIdx >= 0 ? "confirmed" : "forming";
  const carried = breakIdx >= 0 ? followThrough(ctx, breakIdx, s, close[breakIdx]!, pole, Math.max(10, 2 * flagBars)) : 0;
  const confirmation = confirmationScore(status, carried);
  const confidence = 0.3 * poleScore + 0.2 * tight + 0.15 * counter + 0.1 * duration + CONFIRMATION_WEIGHT * confirmation;
  if (confidence < floor) return;
  const endIdx = breakIdx >= 0 ? breakIdx : n - 1;
  const lineEnd = lineAt(line, endIdx);
  const lineStart = lineAt(line, top + 1);
  const name = s === 1 ? "bull_flag" : "bear_flag";
  out.push({
    name,
    confidence,
    startIdx: base,
    endIdx,
    direction: s === 1 ? "bullish" : "bearish",
    status,
    points: [base, against[base]!, top, peak, deepest, against[deepest]!, endIdx, close[endIdx]!],
    neckline: [top + 1, lineStart, endIdx, lineEnd],
    target: (breakIdx >= 0 ? close[breakIdx]! : lineEnd) + s * pole,
  });
}
