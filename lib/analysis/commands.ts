import {
  DEFAULT_FIB_LEVELS,
  type ChartCommand,
  type FibonacciCommand,
  type HorizontalLineCommand,
  type MarkerCommand,
  type PatternCommand,
  type TrendlineCommand,
  type ZoneCommand,
} from "@/lib/commands/schema";
import { decimalsFor } from "./levels";
import type { AnalysisResult, CandlestickHit, ChartPattern, FibonacciRetracement, SupportResistance, Trendline } from "./types";

/**
 * Analysis results as contract chart commands. Ids are derived from the data only (prices,
 * times, names), so the same tool on the same candles gives the same ids and re-drawing replaces
 * instead of stacking.
 */

export interface CommandOptions {
  /** Horizontal levels drawn (strongest first). Default 6. */
  maxLevels?: number;
  /** Chart patterns drawn (most recent first). Default 8. */
  maxPatterns?: number;
  /** Candlestick markers drawn (most recent first). Default 20. */
  maxCandlesticks?: number;
  /** Also draw each level's zone. Default false: the lines carry the same prices. */
  zones?: boolean;
}

const DEFAULTS = { maxLevels: 6, maxPatterns: 8, maxCandlesticks: 20, zones: false } as const;

export function formatPrice(price: number): string {
  return price.toFixed(decimalsFor(price));
}

const title = (name: string): string => {
  const words = name.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** Makes ids unique within one batch without changing the first (stable) one. */
function uniqueIds<T extends { id: string }>(commands: T[]): T[] {
  const seen = new Map<string, number>();
  for (const c of commands) {
    const n = seen.get(c.id) ?? 0;
    seen.set(c.id, n + 1);
    if (n > 0) c.id = `${c.id}.${n + 1}`.slice(-64);
  }
  return commands;
}

export function levelCommands(sr: SupportResistance, options: Pick<CommandOptions, "maxLevels" | "zones"> = {}): (HorizontalLineCommand | ZoneCommand)[] {
  const max = options.maxLevels ?? DEFAULTS.maxLevels;
  const out: (HorizontalLineCommand | ZoneCommand)[] = [];
  const levels = sr.levels.slice(0, max);
  levels.forEach((level, i) => {
    const word = level.role === "support" ? "Support" : "Resistance";
    const price = formatPrice(level.price);
    out.push({
      type: "horizontal_line",
      id: `sr-${level.role === "support" ? "s" : "r"}-${price}`,
      price: level.price,
      role: level.role,
      label: `${word} ${price} (${level.touches} touches)`,
      strength: level.strength,
    });
    const zone = sr.zones[i];
    if (options.zones && zone) {
      out.push({
        type: "zone",
        id: `zone-${level.role === "support" ? "s" : "r"}-${price}`,
        from_price: zone.from_price,
        to_price: zone.to_price,
        role: zone.role,
        label: `${word} zone ${formatPrice(zone.from_price)}-${formatPrice(zone.to_price)}`,
      });
    }
  });
  return uniqueIds(out);
}

const TRENDLINE_LABEL: Record<Trendline["role"], string> = {
  support: "Support trendline",
  resistance: "Resistance trendline",
  channel_upper: "Channel top",
  channel_lower: "Channel bottom",
};
const TRENDLINE_CODE: Record<Trendline["role"], string> = { support: "s", resistance: "r", channel_upper: "cu", channel_lower: "cl" };

export function trendlineCommands(lines: readonly Trendline[]): TrendlineCommand[] {
  return uniqueIds(
    lines.map((line) => ({
      type: "trendline" as const,
      id: `tl-${TRENDLINE_CODE[line.role]}-${line.start.time}-${line.end.time}`,
      start: line.start,
      end: line.end,
      role: line.role,
      label: `${TRENDLINE_LABEL[line.role]} (${line.touches} touches)`,
      extend: "none" as const,
    })),
  );
}

export function patternCommands(patterns: readonly ChartPattern[], options: Pick<CommandOptions, "maxPatterns"> = {}): PatternCommand[] {
  const max = options.maxPatterns ?? DEFAULTS.maxPatterns;
  const recent = [...patterns].sort((a, b) => b.end_time - a.end_time || b.confidence - a.confidence).slice(0, max);
  return uniqueIds(
    recent.map((p) => {
      const first = p.points[0]!;
      const last = p.points[p.points.length - 1]!;
      const cmd: PatternCommand = {
        type: "pattern",
        id: `pat-${p.name}-${first.time}-${last.time}`,
        name: p.name,
        points: p.points,
        direction: p.direction,
        confidence: p.confidence,
        label: `${title(p.name)} (${p.status}, ${Math.round(p.confidence * 100)}%)`,
        status: p.status,
      };
      if (p.target !== undefined) cmd.target = p.target;
      if (p.neckline) cmd.neckline = p.neckline;
      return cmd;
    }),
  );
}

export function candlestickCommands(hits: readonly CandlestickHit[], options: Pick<CommandOptions, "maxCandlesticks"> = {}): MarkerCommand[] {
  const max = options.maxCandlesticks ?? DEFAULTS.maxCandlesticks;
  const recent = hits.slice(Math.max(0, hits.length - max));
  return uniqueIds(
    recent.map((hit) => {
      const bullish = hit.direction === "bullish";
      const bearish = hit.direction === "bearish";
      return {
        type: "marker" as const,
        id: `cs-${hit.name}-${hit.time}`,
        time: hit.time,
        position: bullish ? ("below" as const) : ("above" as const),
        shape: bullish ? ("arrow_up" as const) : bearish ? ("arrow_down" as const) : ("circle" as const),
        text: title(hit.name).slice(0, 32),
      };
    }),
  );
}

export function fibonacciCommand(fib: FibonacciRetracement): FibonacciCommand {
  return {
    type: "fibonacci",
    id: `fib-${fib.start.time}-${fib.end.time}`,
    start: fib.start,
    end: fib.end,
    levels: fib.levels.length > 0 ? fib.levels.map((l) => l.ratio) : [...DEFAULT_FIB_LEVELS],
  };
}

/** Every drawable part of a result, in a fixed order (levels, trendlines, patterns, candlesticks, Fibonacci). */
export function analysisToCommands(result: AnalysisResult, options: CommandOptions = {}): ChartCommand[] {
  const out: ChartCommand[] = [];
  if (result.support_resistance) out.push(...levelCommands(result.support_resistance, options));
  if (result.trendlines) out.push(...trendlineCommands(result.trendlines));
  if (result.patterns) out.push(...patternCommands(result.patterns, options));
  if (result.candlesticks) out.push(...candlestickCommands(result.candlesticks, options));
  if (result.fibonacci) out.push(fibonacciCommand(result.fibonacci));
  return out;
}
