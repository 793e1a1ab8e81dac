import type { BarCalendar } from "../sessions";
import type { Candle } from "../types";
import { BLOCK, emptyBlock, type BlockData } from "./path";

export interface AggregateInput {
  /** Open times of the block's periods and of the next block's first period. */
  time: Float64Array;
  daily: BarCalendar;
  /** Block `k` of the symbol's daily bars, prices. */
  dailyBlock(k: number): BlockData;
}

/** Number of the first daily bar that opens at or after `t`. */
function dailyIndexAtOrAfter(daily: BarCalendar, t: number): number {
  let d = daily.latestIndex(t);
  while (daily.timeOf(d) < t) d++;
  while (daily.timeOf(d - 1) >= t) d--;
  return d;
}

/**
 * Weekly or monthly bars as aggregates of the daily bars they contain (open of the first
 * day, highest high, lowest low, close of the last day, summed volume), so a symbol shows
 * the same price on every timeframe. These are the periods as they end: the one in progress
 * is served by `formingPeriod` instead, since its later days have not happened yet.
 */
export function aggregateDaily({ time, daily, dailyBlock }: AggregateInput): BlockData {
  const out = emptyBlock(time);
  const d = dailyIndexAtOrAfter(daily, time[0]!);
  let k = Math.floor(d / BLOCK);
  let bars = dailyBlock(k);
  let j = d - k * BLOCK;
  for (let i = 0; i < BLOCK; i++) {
    const end = time[i + 1]!;
    let high = -Infinity;
    let low = Infinity;
    let volume = 0;
    out.open[i] = bars.open[j]!;
    // bars.time[BLOCK] is the next block's first open, so the loop can stop on it before moving on.
    while (bars.time[j]! < end) {
      if (bars.high[j]! > high) high = bars.high[j]!;
      if (bars.low[j]! < low) low = bars.low[j]!;
      volume += bars.volume[j]!;
      out.close[i] = bars.close[j]!;
      if (++j === BLOCK) {
        bars = dailyBlock(++k);
        j = 0;
      }
    }
    out.high[i] = high;
    out.low[i] = low;
    out.volume[i] = volume;
  }
  return out;
}

/**
 * The period in progress, as a feed shows it: the daily bars from its open up to and
 * including `lastDay` (the daily bar open now). Null before its first day has opened.
 */
export function formingPeriod(time: number, lastDay: number, daily: BarCalendar, dailyBlock: (k: number) => BlockData): Candle | null {
  let d = dailyIndexAtOrAfter(daily, time);
  if (d > lastDay) return null;
  const candle: Candle = { time, open: 0, high: -Infinity, low: Infinity, close: 0, volume: 0 };
  for (let first = true; d <= lastDay; d++, first = false) {
    const k = Math.floor(d / BLOCK);
    const bars = dailyBlock(k);
    const j = d - k * BLOCK;
    if (first) candle.open = bars.open[j]!;
    candle.high = Math.max(candle.high, bars.high[j]!);
    candle.low = Math.min(candle.low, bars.low[j]!);
    candle.close = bars.close[j]!;
    candle.volume += bars.volume[j]!;
  }
  return candle;
}
