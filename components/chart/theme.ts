import type { Direction, DrawingCommand, LevelRole, MarkerCommand, TrendlineRole } from "@/lib/commands/schema";

type MarkerShape = MarkerCommand["shape"];

/** Colours the chart and its drawings use, per system theme; the CSS variables mirror the surfaces. */
export interface ChartPalette {
  dark: boolean;
  background: string;
  text: string;
  grid: string;
  border: string;
  up: string;
  down: string;
  volumeUp: string;
  volumeDown: string;
  support: string;
  resistance: string;
  level: string;
  neutral: string;
  marker: string;
  fibonacci: string;
  /** Overlay and pane indicator lines, picked by a stable hash of the drawing id; no reds or greens, which mean roles. */
  indicators: readonly string[];
  labelBackground: string;
}

export const DARK_PALETTE: ChartPalette = {
  dark: true,
  background: "#0f141b",
  text: "#c9d1d9",
  grid: "#1c2530",
  border: "#2a3441",
  up: "#26a69a",
  down: "#ef5350",
  volumeUp: "rgba(38, 166, 154, 0.35)",
  volumeDown: "rgba(239, 83, 80, 0.35)",
  support: "#22c55e",
  resistance: "#ef4444",
  level: "#94a3b8",
  neutral: "#60a5fa",
  marker: "#f59e0b",
  fibonacci: "#a78bfa",
  indicators: ["#f59e0b", "#38bdf8", "#e879f9", "#a3e635", "#818cf8", "#f472b6"],
  labelBackground: "rgba(15, 20, 27, 0.85)",
};

export const LIGHT_PALETTE: ChartPalette = {
  dark: false,
  background: "#ffffff",
  text: "#1f2937",
  grid: "#eef1f5",
  border: "#d6dbe1",
  up: "#089981",
  down: "#f23645",
  volumeUp: "rgba(8, 153, 129, 0.3)",
  volumeDown: "rgba(242, 54, 69, 0.3)",
  support: "#16a34a",
  resistance: "#dc2626",
  level: "#64748b",
  neutral: "#2563eb",
  marker: "#d97706",
  fibonacci: "#7c3aed",
  indicators: ["#d97706", "#0284c7", "#c026d3", "#65a30d", "#4f46e5", "#db2777"],
  labelBackground: "rgba(255, 255, 255, 0.9)",
};

export function paletteFor(dark: boolean): ChartPalette {
  return dark ? DARK_PALETTE : LIGHT_PALETTE;
}

/**
 * The palette entry a drawing is shown in: the chart's lines and the drawings list's swatches
 * (classes `tone-<tone>`, whose CSS variables mirror the palette) both read it from here.
 * Indicators get their own colour from indicatorColors; `indicator` is the list's default swatch.
 */
export type DrawingTone = "support" | "resistance" | "level" | "neutral" | "marker" | "fibonacci" | "indicator";

function roleTone(role: LevelRole | TrendlineRole): "support" | "resistance" | "level" {
  if (role === "support" || role === "channel_lower") return "support";
  if (role === "resistance" || role === "channel_upper") return "resistance";
  return "level";
}

function directionTone(direction: Direction): "support" | "resistance" | "neutral" {
  if (direction === "bullish") return "support";
  if (direction === "bearish") return "resistance";
  return "neutral";
}

function markerTone(shape: MarkerShape): "support" | "resistance" | "marker" {
  if (shape === "arrow_up") return "support";
  if (shape === "arrow_down") return "resistance";
  return "marker";
}

export function drawingTone(d: DrawingCommand): DrawingTone {
  switch (d.type) {
    case "horizontal_line":
    case "zone":
    case "trendline":
      return roleTone(d.role);
    case "pattern":
      return directionTone(d.direction);
    case "marker":
      return markerTone(d.shape);
    case "fibonacci":
    case "indicator":
      return d.type;
  }
}

export function roleColor(p: ChartPalette, role: LevelRole | TrendlineRole): string {
  return p[roleTone(role)];
}

export function directionColor(p: ChartPalette, direction: Direction): string {
  return p[directionTone(direction)];
}

export function markerColor(p: ChartPalette, shape: MarkerShape): string {
  return p[markerTone(shape)];
}

function preferredSlot(id: string, slots: number): number {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) | 0;
  return Math.abs(h) % slots;
}

/**
 * One colour per indicator drawing, in drawing order: each takes its id's preferred palette slot
 * unless an earlier indicator holds it, then the next free one, so two indicators on a chart
 * (SMA 20 and Bollinger 20, say) never share a colour until the palette runs out.
 */
export function indicatorColors(p: ChartPalette, ids: readonly string[]): Map<string, string> {
  const slots = p.indicators.length;
  const taken = new Uint8Array(slots);
  const out = new Map<string, string>();
  let used = 0;
  for (const id of ids) {
    if (used === slots) {
      taken.fill(0);
      used = 0;
    }
    let slot = preferredSlot(id, slots);
    while (taken[slot]) slot = (slot + 1) % slots;
    taken[slot] = 1;
    used++;
    out.set(id, p.indicators[slot] as string);
  }
  return out;
}

/** The ids of the indicator drawings, in drawing order: the input to indicatorColors. */
export function indicatorIds(drawings: readonly DrawingCommand[]): string[] {
  const ids: string[] = [];
  for (const d of drawings) if (d.type === "indicator") ids.push(d.id);
  return ids;
}

/** `#rrggbb` at the given opacity, for translucent fills. */
export function withAlpha(hex: string, alpha: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}
