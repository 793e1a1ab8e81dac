import type { AnalysisContext } from "../analyze";
import { priceScale } from "../levels";
import type { ChartPattern } from "../types";
import type { Point } from "@/lib/commands/schema";

/**
 * A detected pattern as plain numbers, with the bar span it covers, for choosing among
 * overlapping ones; `buildPattern` turns the few kept into results (times, rounded prices).
 */
export interface PatternCandidate {
  name: ChartPattern["name"];
  direction: ChartPattern["direction"];
  status: ChartPattern["status"];
  confidence: number;
  startIdx: number;
  endIdx: number;
  /** Key points, flattened as bar index and price pairs: [i0, p0, i1, p1, …]. */
  points: number[];
  /** Neckline or breakout boundary as [startIdx, startPrice, endIdx, endPrice]. */
  neckline: number[];
  /** Measured-move target; left out of the result when it is not a positive price. */
  target: number;
}

function scaledPoint(time: Float64Array, scale: number, i: number, price: number): Point {
  return { time: time[i]!, price: Math.round(price * scale) / scale };
}

export function buildPattern(ctx: AnalysisContext, c: PatternCandidate): ChartPattern {
  const { time } = ctx.cols;
  // One rounding scale per pattern: its prices share a magnitude.
  const scale = priceScale(c.points[1]!);
  const points: Point[] = [];
  for (let k = 0; k + 1 < c.points.length; k += 2) points.push(scaledPoint(time, scale, c.points[k]!, c.points[k + 1]!));
  const out: ChartPattern = {
    name: c.name,
    direction: c.direction,
    confidence: roundConfidence(calibrated(c.confidence)),
    status: c.status,
    start_time: time[c.startIdx]!,
    end_time: time[c.endIdx]!,
    points,
  };
  const neck = c.neckline;
  const start = scaledPoint(time, scale, neck[0]!, neck[1]!);
  const end = scaledPoint(time, scale, neck[2]!, neck[3]!);
  // A boundary extended below zero (a steep fall) is not drawable: the pattern goes without it.
  if (start.price > 0 && end.price > 0) out.neckline = { start, end };
  const goal = target(c.target);
  if (goal !== undefined) out.target = goal;
  return out;
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
  const { atr } = ctx;
  const { slope, intercept } = line;
  for (let i = from; i <= to; i++) if (side * (close[i]! - intercept - slope * i) > BREAK_ATR * atr[i]!) return i;
  return -1;
}

export const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);

/** Linear ramp: 0 at or below `lo`, 1 at or above `hi`. */
export const ramp = (x: number, lo: number, hi: number): number => clamp01((x - lo) / (hi - lo));

export function roundPrice(price: number): number {
  const f = priceScale(price);
  return Math.round(price * f) / f;
}

/** A measured-move target, omitted when the move would take price to zero or below. */
export function target(price: number): number | undefined {
  return price > 0 && Number.isFinite(price) ? roundPrice(price) : undefined;
}

/**
 * The reported confidence: the detectors' weighted score bent down (score^1.25, same order) so
 * that 0.8 and above stays rare on random walks (measured: tests/unit/analysis/accuracy.test.ts)
 * while clean textbook shapes still reach it.
 */
export const calibrated = (score: number): number => Math.pow(clamp01(score), CALIBRATION_EXPONENT);
const CALIBRATION_EXPONENT = 1.25;

/**
 * The detectors' score that calibrates to `confidence`, less a hair for rounding: detectors prune
 * against it, so no candidate that could still be reported is skipped.
 */
export const scoreFloor = (confidence: number): number => (confidence > 0 ? Math.pow(confidence, 1 / CALIBRATION_EXPONENT) - 1e-9 : confidence);

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

/**
 * Weight of the confirmation part in every pattern's confidence. Detectors skip the scans for a
 * candidate whose other parts cannot reach the caller's floor even with a perfect confirmation.
 */
export const CONFIRMATION_WEIGHT = 0.25;

/** The confirmation part of a confidence: a break scores by its follow-through; forming scores less than any break. */
export function confirmationScore(status: "forming" | "confirmed", carried: number): number {
  return status === "confirmed" ? 0.55 + 0.45 * carried : 0.45;
}
