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

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "Mar 2026": when something happened on daily and longer bars, as a trader says it. */
export function formatMonth(time: number): string {
  const d = new Date(time * 1000);
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/**
 * When a formation ran: "Jul–Oct 2025", "Dec 2025–Feb 2026", "Oct 2026" on daily and longer bars;
 * exact bar times intraday.
 */
export function formatSpan(from: number, to: number, timeframe: Timeframe): string {
  if (INTRADAY.has(timeframe)) {
    const a = formatTime(from, timeframe);
    const b = formatTime(to, timeframe);
    return a.slice(0, 10) === b.slice(0, 10) ? `${a.slice(0, 16)}–${b.slice(11)}` : `${a.slice(0, 16)} – ${b}`;
  }
  const a = formatMonth(from);
  const b = formatMonth(to);
  if (a === b) return b;
  const [am, ay] = a.split(" ");
  return ay === b.split(" ")[1] ? `${am}–${b}` : `${a}–${b}`;
}

/** Bars of a timeframe as a phrase: "100 weeks", "100 daily bars", "100 hourly bars". */
export function barsPhrase(n: number, timeframe: Timeframe): string {
  const unit: Record<Timeframe, [string, string]> = {
    "1m": ["1-minute bar", "1-minute bars"],
    "5m": ["5-minute bar", "5-minute bars"],
    "15m": ["15-minute bar", "15-minute bars"],
    "30m": ["30-minute bar", "30-minute bars"],
    "1h": ["hourly bar", "hourly bars"],
    "4h": ["4-hour bar", "4-hour bars"],
    "1D": ["daily bar", "daily bars"],
    "1W": ["week", "weeks"],
    "1M": ["month", "months"],
  };
  const [one, many] = unit[timeframe];
  return `${n} ${n === 1 ? one : many}`;
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
