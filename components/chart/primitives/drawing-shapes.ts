import { DEFAULT_FIB_LEVELS, type FibonacciCommand, type PatternCommand, type TrendlineCommand, type ZoneCommand } from "@/lib/commands/schema";
import { directionColor, roleColor, withAlpha, type ChartPalette } from "@/components/chart/theme";
import type { Pt, Shape } from "@/components/chart/primitives/shapes";

/** Where a time and a price land on the pane, in CSS pixels; null when the chart cannot place them yet. */
export interface Projection {
  x(time: number): number | null;
  y(price: number): number | null;
  /** Width of the plotting area (the right edge lines extend to). */
  width: number;
}

function point(proj: Projection, time: number, price: number): Pt | null {
  const x = proj.x(time);
  const y = proj.y(price);
  return x === null || y === null ? null : { x, y };
}

/** The y of the line through a and b at x. */
function yAt(a: Pt, b: Pt, x: number): number {
  return a.y + ((b.y - a.y) * (x - a.x)) / (b.x - a.x);
}

export function zoneShapes(cmd: ZoneCommand, proj: Projection, p: ChartPalette): Shape[] {
  const top = proj.y(Math.max(cmd.from_price, cmd.to_price));
  const bottom = proj.y(Math.min(cmd.from_price, cmd.to_price));
  const left = cmd.from_time !== undefined ? proj.x(cmd.from_time) : 0;
  const right = cmd.to_time !== undefined ? proj.x(cmd.to_time) : proj.width;
  if (top === null || bottom === null || left === null || right === null) return [];
  const color = roleColor(p, cmd.role);
  const x1 = Math.max(0, Math.min(left, right));
  const x2 = Math.min(proj.width, Math.max(left, right));
  if (x2 <= x1) return [];
  return [
    { kind: "rect", x1, y1: top, x2, y2: bottom, fill: withAlpha(color, 0.14), stroke: withAlpha(color, 0.55) },
    { kind: "text", at: { x: x1 + 6, y: top + 4 }, text: cmd.label, color, align: "left", baseline: "top" },
  ];
}

export function trendlineShapes(cmd: TrendlineCommand, proj: Projection, p: ChartPalette): Shape[] {
  const a = point(proj, cmd.start.time, cmd.start.price);
  const b = point(proj, cmd.end.time, cmd.end.price);
  if (!a || !b) return [];
  const [first, second] = a.x <= b.x ? [a, b] : [b, a];
  let from = first;
  let to = second;
  if (second.x !== first.x) {
    if (cmd.extend === "right" || cmd.extend === "both") to = { x: proj.width, y: yAt(first, second, proj.width) };
    if (cmd.extend === "both") from = { x: 0, y: yAt(first, second, 0) };
  }
  const color = roleColor(p, cmd.role);
  return [
    { kind: "polyline", points: [from, to], color, width: 2 },
    { kind: "dot", at: first, radius: 3, color },
    { kind: "dot", at: second, radius: 3, color },
    { kind: "text", at: { x: second.x, y: second.y - 6 }, text: cmd.label, color, background: p.labelBackground, align: "center", baseline: "bottom" },
  ];
}

export function patternShapes(cmd: PatternCommand, proj: Projection, p: ChartPalette): Shape[] {
  const points: Pt[] = [];
  for (const pt of cmd.points) {
    const at = point(proj, pt.time, pt.price);
    if (!at) return [];
    points.push(at);
  }
  const color = directionColor(p, cmd.direction);
  const shapes: Shape[] = [{ kind: "polyline", points, color, width: 2, dash: cmd.status === "forming" ? [6, 4] : undefined }];
  for (const at of points) shapes.push({ kind: "dot", at, radius: 3, color });
  if (cmd.neckline) {
    const a = point(proj, cmd.neckline.start.time, cmd.neckline.start.price);
    const b = point(proj, cmd.neckline.end.time, cmd.neckline.end.price);
    if (a && b) shapes.push({ kind: "polyline", points: [a, b], color, width: 1, dash: [5, 4] });
  }
  // The label sits above the highest point (smallest y), centred on the pattern.
  let top = points[0] as Pt;
  for (const at of points) if (at.y < top.y) top = at;
  const centre = (points[0] as Pt).x / 2 + (points[points.length - 1] as Pt).x / 2;
  // Labels from the analysis often carry the confidence already ("…(forming, 56%)"): say it once.
  const pct = `${Math.round(cmd.confidence * 100)}%`;
  const text = cmd.label.includes(pct) ? cmd.label : `${cmd.label} · ${pct}`;
  shapes.push({ kind: "text", at: { x: centre, y: top.y - 10 }, text, color, background: p.labelBackground, align: "center", baseline: "bottom" });
  return shapes;
}

export interface FibLevel {
  ratio: number;
  price: number;
}

/** Retracement levels measured back from the move's end: ratio 0 at `end`, 1 at `start`. */
export function fibonacciLevels(cmd: FibonacciCommand): FibLevel[] {
  const ratios = cmd.levels ?? DEFAULT_FIB_LEVELS;
  const move = cmd.end.price - cmd.start.price;
  return ratios.map((ratio) => ({ ratio, price: cmd.end.price - move * ratio })).filter((l) => l.price > 0);
}

/**
 * Decimals for the level labels: four significant digits before the point at least, as the
 * analysis rounds the levels it reports (from the swing's lower price), so a EURUSD retracement
 * reads 1.0906 on the chart as in the answer, not 1.09 for every level.
 */
export function fibonacciDigits(cmd: FibonacciCommand): number {
  const ref = Math.min(cmd.start.price, cmd.end.price);
  if (!(ref > 0)) return 2;
  return Math.min(10, Math.max(2, 4 - Math.floor(Math.log10(ref))));
}

export function fibonacciShapes(cmd: FibonacciCommand, proj: Projection, p: ChartPalette): Shape[] {
  const a = point(proj, cmd.start.time, cmd.start.price);
  const b = point(proj, cmd.end.time, cmd.end.price);
  if (!a || !b) return [];
  const left = Math.max(0, Math.min(a.x, b.x));
  const right = proj.width;
  const shapes: Shape[] = [];
  const levels = fibonacciLevels(cmd);
  const digits = fibonacciDigits(cmd);
  const ys = levels.map((l) => proj.y(l.price));
  // The golden pocket between 0.5 and 0.618 gets a faint band, as traders read it.
  const half = levels.findIndex((l) => l.ratio === 0.5);
  const golden = levels.findIndex((l) => l.ratio === 0.618);
  const yHalf = ys[half];
  const yGolden = ys[golden];
  if (half >= 0 && golden >= 0 && yHalf != null && yGolden != null) {
    shapes.push({ kind: "rect", x1: left, y1: yHalf, x2: right, y2: yGolden, fill: withAlpha(p.fibonacci, 0.1) });
  }
  levels.forEach((level, i) => {
    const y = ys[i];
    if (y == null) return;
    const edge = level.ratio === 0 || level.ratio === 1;
    shapes.push({ kind: "polyline", points: [{ x: left, y }, { x: right, y }], color: withAlpha(p.fibonacci, edge ? 0.95 : 0.7), width: 1 });
    const text = `${(level.ratio * 100).toFixed(1)}%  ${level.price.toFixed(digits)}`;
    shapes.push({ kind: "text", at: { x: left + 4, y: y - 2 }, text, color: p.fibonacci, align: "left", baseline: "bottom" });
  });
  shapes.push({ kind: "polyline", points: [a, b], color: withAlpha(p.fibonacci, 0.6), width: 1, dash: [4, 4] });
  return shapes;
}
