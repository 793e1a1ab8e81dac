import { decimalsFor } from "@/lib/analysis/levels";
import type { Timeframe } from "@/lib/market/values";

/** Prices as the drawings label them (the analysis module's precision), so text and chart agree. */
export { formatPrice } from "@/lib/analysis/commands";

/** A difference of prices (a change) with the precision of the price it belongs to. */
export function formatPriceLike(value: number, reference: number): string {
  return value.toFixed(decimalsFor(reference));
}

export function formatPct(pct: number): string {
  return `${pct >= 0 ? "+" : ""}${pct.toFixed(2)}%`;
}

const INTRADAY: ReadonlySet<Timeframe> = new Set(["1m", "5m", "15m", "30m", "1h", "4h"]);

/** A bar's time as a trader reads it: a date for daily and longer bars, date and UTC time intraday. */
export function formatTime(time: number, timeframe: Timeframe): string {
  const iso = new Date(time * 1000).toISOString();
  return INTRADAY.has(timeframe) ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : iso.slice(0, 10);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export function humanName(snake: string): string {
  const s = snake.replace(/_/g, " ");
  return s.charAt(0).toUpperCase() + s.slice(1);
}
