import type { AnalysisContext } from "./analyze";
import { decimalsFor, roundTo } from "./levels";
import { PIVOT_HIGH, PIVOT_LOW } from "./pivots";
import type { Trendline } from "./types";

export interface TrendlineOptions {
  /** Lines returned per side (support, resistance). Default 2. */
  perSide?: number;
  /** Minimum swing points on a line. Default 3. */
  minTouches?: number;
}

/** Swing points of one kind searched (the most recent ones): trendlines describe the current structure. */
const RECENT_SWINGS = 24;
/** A swing within this many ATRs of the line touches it. */
const TOUCH_TOLERANCE = 0.35;
/** A close this many ATRs beyond the line breaks it (a hair through is still a touch). */
const BREAK_TOLERANCE = 0.15;
/** Best support and resistance are a channel when they stay within this many ATRs of parallel over their span. */
const PARALLEL_TOLERANCE = 1.2;

interface Candidate {
  side: 1 | -1;
  a: number;
  slope: number;
  intercept: number;
  firstIdx: number;
  lastTouchIdx: number;
  touches: number;
  /** Bar where a close first went through after the last touch, or -1 when the line still holds. */
  breakIdx: number;
  score: number;
}

/**
 * Trendlines through swing lows (support) and swing highs (resistance): every pair of recent
 * swings of one kind defines a line; it counts the swings within `TOUCH_TOLERANCE × ATR` of it,
 * stops at the first swing that pierces it, and is kept with at least `minTouches` touches and
 * no close beyond it between its first and last touch. Lines rank by touches, span, recency and
 * whether they still hold. When the best support and resistance lines run parallel and overlap
 * in time, they are returned as the current channel (`channel_lower` / `channel_upper`).
 * Cost: O(s³) for s = RECENT_SWINGS swings plus the bars under the finalists.
 */
export function trendlines(ctx: AnalysisContext, options: TrendlineOptions = {}): Trendline[] {
  const perSide = options.perSide ?? 2;
  const minTouches = options.minTouches ?? 3;
  const support = sideCandidates(ctx, PIVOT_LOW, minTouches, perSide);
  const resistance = sideCandidates(ctx, PIVOT_HIGH, minTouches, perSide);
  const n = ctx.cols.length;
  const lower = support[0];
  const upper = resistance[0];
  let channel = false;
  if (lower && upper && lower.breakIdx < 0 && upper.breakIdx < 0) {
    const from = Math.max(lower.firstIdx, upper.firstIdx);
    const to = n - 1;
    const overlap = (to - from) / Math.max(1, to - Math.min(lower.firstIdx, upper.firstIdx));
    const scale = ctx.atr[n - 1]!;
    const drift = Math.abs(lower.slope - upper.slope) * (to - Math.min(lower.firstIdx, upper.firstIdx));
    const above = upper.intercept + upper.slope * to > lower.intercept + lower.slope * to;
    channel = overlap >= 0.5 && drift <= PARALLEL_TOLERANCE * scale && above;
  }
  const out: Trendline[] = [];
  for (const c of support) out.push(toTrendline(ctx, c, channel && c === lower ? "channel_lower" : "support"));
  for (const c of resistance) out.push(toTrendline(ctx, c, channel && c === upper ? "channel_upper" : "resistance"));
  return out;
}

function sideCandidates(ctx: AnalysisContext, kind: number, minTouches: number, perSide: number): Candidate[] {
  const { pivots, cols, atr } = ctx;
  const n = cols.length;
  // Indices (into pivots) of the most recent swings of this kind, oldest first.
  const picked: number[] = [];
  for (let j = pivots.count - 1; j >= 0 && picked.length < RECENT_SWINGS; j--) if (pivots.kind[j] === kind) picked.push(j);
  picked.reverse();
  const m = picked.length;
  if (m < minTouches) return [];
  // side: +1 support (price stays above), -1 resistance (price stays below).
  const side: 1 | -1 = kind === PIVOT_LOW ? 1 : -1;
  const tau = Math.max(50, Math.min(250, n / 4));
  const found: Candidate[] = [];
  for (let x = 0; x < m; x++) {
    const ja = picked[x]!;
    const ia = pivots.index[ja]!;
    const pa = pivots.price[ja]!;
    for (let y = x + 1; y < m; y++) {
      const jb = picked[y]!;
      const ib = pivots.index[jb]!;
      const slope = (pivots.price[jb]! - pa) / (ib - ia);
      const intercept = pa - slope * ia;
      let touches = 1;
      let lastTouch = ia;
      for (let z = x + 1; z < m; z++) {
        const jz = picked[z]!;
        const iz = pivots.index[jz]!;
        const dev = side * (pivots.price[jz]! - (intercept + slope * iz));
        const tol = TOUCH_TOLERANCE * atr[iz]!;
        if (dev < -tol) break;
        if (dev <= tol) {
          touches++;
          lastTouch = iz;
        }
      }
      // The pair itself must be part of the touching run, or the line is really another one.
      if (touches < minTouches || lastTouch < ib) continue;
      const span = lastTouch - ia;
      const recency = Math.exp(-(n - 1 - lastTouch) / tau);
      const score = touches * Math.log2(2 + span) * (0.3 + 0.7 * recency);
      found.push({ side, a: ia, slope, intercept, firstIdx: ia, lastTouchIdx: lastTouch, touches, breakIdx: -1, score });
    }
  }
  // Bar-level checks (closes between the touches, a break since) only for the best few by swings.
  found.sort((p, q) => q.score - p.score);
  const checked: Candidate[] = [];
  for (const c of found) {
    if (closesBeyond(ctx, side, c.slope, c.intercept, c.firstIdx, c.lastTouchIdx) >= 0) continue;
    c.breakIdx = closesBeyond(ctx, side, c.slope, c.intercept, c.lastTouchIdx, n - 1);
    if (c.breakIdx >= 0) c.score *= 0.5;
    checked.push(c);
    if (checked.length >= 4 * perSide) break;
  }
  checked.sort((p, q) => q.score - p.score);
  const out: Candidate[] = [];
  for (const c of checked) {
    // Lines sharing an end swing describe the same structure: keep the better one.
    if (out.some((o) => o.firstIdx === c.firstIdx || o.lastTouchIdx === c.lastTouchIdx)) continue;
    out.push(c);
    if (out.length >= perSide) break;
  }
  return out;
}

/** First bar in [from, to] whose close is beyond the line by more than the break tolerance, or -1. */
function closesBeyond(ctx: AnalysisContext, side: 1 | -1, slope: number, intercept: number, from: number, to: number): number {
  const { close } = ctx.cols;
  const { atr } = ctx;
  for (let i = from; i <= to; i++) {
    const dev = side * (close[i]! - (intercept + slope * i));
    if (dev < -BREAK_TOLERANCE * atr[i]!) return i;
  }
  return -1;
}

function toTrendline(ctx: AnalysisContext, c: Candidate, role: Trendline["role"]): Trendline {
  const { time } = ctx.cols;
  const n = ctx.cols.length;
  const at = (i: number): number => c.intercept + c.slope * i;
  // Drawn to the last bar while it holds, to the break otherwise; never to a non-positive price.
  let endIdx = c.breakIdx >= 0 ? c.breakIdx : n - 1;
  if (!(at(endIdx) > 0)) endIdx = c.lastTouchIdx;
  const digits = decimalsFor(at(c.firstIdx));
  return {
    role,
    start: { time: time[c.firstIdx]!, price: roundTo(at(c.firstIdx), digits) },
    end: { time: time[endIdx]!, price: roundTo(at(endIdx), digits) },
    touches: c.touches,
    slope_per_bar: roundTo(c.slope, digits + 2),
  };
}
