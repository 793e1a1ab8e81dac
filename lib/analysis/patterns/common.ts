import type { AnalysisContext } from "../analyze";
import { decimalsFor } from "../levels";
import type { ChartPattern } from "../types";
import type { Point } from "@/lib/commands/schema";

/**
 * A detected pattern with the bar span it covers, for choosing among overlapping ones. The
 * result object is built only for the instances kept (most candidates lose to a better one).
 */
export interface PatternCandidate {
  name: ChartPattern["name"];
  confidence: number;
  startIdx: number;
  endIdx: number;
  build(): ChartPattern;
}

/** A straight line over bar indices: price = intercept + slope × index. */
export interface Line {
  slope: number;
  intercept: number;
}

export const lineAt = (line: Line, i: number): number => line.intercept + line.slope * i;

export function lineThrough(i1: number, p1: number, i2: number, p2: number): Line {
  const slope = i2 === i1 ? 0 : (p2 - p1) / (i2 - i1);
  return { slope, intercept: p1 - slope * i1 };
}

/** A close this many ATRs through a boundary confirms a break (a touch is not a break). */
export const BREAK_ATR = 0.1;

/**
 * First bar in [from, to] whose close is through `line` on the `side` (-1 below, +1 above) by
 * more than BREAK_ATR × ATR, or -1. Callers bound [from, to] to a swing leg or two, so the scans
 * of all candidates together stay O(n).
 */
export function firstBreak(ctx: AnalysisContext, line: Line, side: 1 | -1, from: number, to: number): number {
  const { close } = ctx.cols;
  const { atr, atrFallback } = ctx;
  const { slope, intercept } = line;
  for (let i = from; i <= to; i++) {
    const a = atr[i]!;
    if (side * (close[i]! - intercept - slope * i) > BREAK_ATR * (a > 0 ? a : atrFallback)) return i;
  }
  return -1;
}

export const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);

/** Linear ramp: 0 at or below `lo`, 1 at or above `hi`. */
export const ramp = (x: number, lo: number, hi: number): number => clamp01((x - lo) / (hi - lo));

export function roundPrice(price: number): number {
  const f = 10 ** decimalsFor(price);
  return Math.round(price * f) / f;
}

export function pointAt(ctx: AnalysisContext, idx: number, price: number): Point {
  return { time: ctx.cols.time[idx]!, price: roundPrice(price) };
}

/** A measured-move target, omitted when the move would take price to zero or below. */
export function target(price: number): number | undefined {
  return price > 0 ? roundPrice(price) : undefined;
}

export const roundConfidence = (c: number): number => Math.round(clamp01(c) * 100) / 100;

/**
 * How far price carried after a breakout, 0..1: the best close within `bars` bars after
 * `breakIdx`, beyond `from` on the `side`, as a share of `height` (a fifth scores 0, four fifths
 * 1). A break that goes nowhere is weak evidence; one that travels most of the measured move is
 * the pattern doing what it says.
 */
export function followThrough(ctx: AnalysisContext, breakIdx: number, side: 1 | -1, from: number, height: number, bars: number): number {
  const { close } = ctx.cols;
  const to = Math.min(ctx.cols.length - 1, breakIdx + bars);
  let best = 0;
  for (let i = breakIdx; i <= to; i++) {
    const move = side * (close[i]! - from);
    if (move > best) best = move;
  }
  return ramp(best / height, 0.2, 0.8);
}

/** The confirmation part of a confidence: a break scores by its follow-through; forming scores less than any break. */
export function confirmationScore(status: "forming" | "confirmed", carried: number): number {
  return status === "confirmed" ? 0.55 + 0.45 * carried : 0.45;
}
