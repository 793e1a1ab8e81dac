import type { Candle } from "../types";
import { barCalendar, floorDiv, type BarCalendar } from "../sessions";
import { isIntraday, type Timeframe } from "../values";
import { aggregateDaily, formingPeriod } from "./aggregate";
import { anchorToDaily } from "./anchor";
import { LruCache } from "@/lib/cache/lru";
import { BLOCK, buildPath, roundBlock, seriesSpec, type BlockData } from "./path";
import { symbolProfile } from "./profiles";

/**
 * The demo market. Every timeframe of a symbol tells the same story, told by its daily bars:
 * - 1D is generated (path.ts): levels, trendlines and patterns over calendar time;
 * - 1W and 1M are aggregates of the daily bars of each week or month (aggregate.ts);
 * - intraday timeframes are generated with their own detail, then each session is bent to
 *   open at its daily bar's open, close at its close and stay inside its range (anchor.ts).
 * Bars are numbered by their trading calendar from a fixed epoch and produced in blocks of
 * BLOCK bars; a bar's values depend only on its number (and on other timeframes' bars at
 * fixed numbers), so a series is identical on every call and bars never change as time
 * advances. 5,000 bars cost about 21 blocks whatever the date (intraday: plus the path
 * blocks of the sessions at the edges); a 1M block reads ~22 daily blocks, a 1W block 5.
 */

/** How one series produces its blocks. */
interface Series {
  key: string;
  calendar: BarCalendar;
  build(k: number): BlockData;
  /** Aggregated series: the bar open at `nowSec`, from the days so far (null: none has opened yet). */
  forming?(time: number, nowSec: number): Candle | null;
}

const BLOCK_CACHE_MAX = 256;
/** Finished bars of every series, blocks as served. */
const barCache = new LruCache<BlockData>(BLOCK_CACHE_MAX);
/** Intraday paths before anchoring: a session that crosses blocks needs its neighbours' edges. */
const pathCache = new LruCache<BlockData>(BLOCK_CACHE_MAX);
const seriesCache = new Map<string, Series>();

function cached(cache: LruCache<BlockData>, key: string, make: () => BlockData): BlockData {
  const hit = cache.get(key);
  if (hit) return hit;
  const made = make();
  cache.set(key, made);
  return made;
}

const blockKey = (series: Series, k: number) => `${series.key}\u0000${k}`;

function bars(series: Series, k: number): BlockData {
  return cached(barCache, blockKey(series, k), () => series.build(k));
}

function makeSeries(symbol: string, timeframe: Timeframe): Series {
  const key = `${symbol}\u0000${timeframe}`;
  const profile = symbolProfile(symbol);
  const calendar = barCalendar(profile.calendar, timeframe);
  if (timeframe === "1D") {
    const spec = seriesSpec(symbol, timeframe);
    return { key, calendar, build: (k) => roundBlock(spec, buildPath(spec, k)) };
  }
  const daily = series(symbol, "1D");
  if (!isIntraday(timeframe)) {
    // A 1M block spans ~5,400 days (22 daily blocks): read cached daily blocks but build the
    // missing ones without caching them, so one long monthly request does not flush the cache.
    const dailyBlock = (k: number) => barCache.peek(blockKey(daily, k)) ?? daily.build(k);
    return {
      key,
      calendar,
      build(k) {
        const time = new Float64Array(BLOCK + 1);
        for (let i = 0; i <= BLOCK; i++) time[i] = calendar.timeOf(k * BLOCK + i);
        return aggregateDaily({ time, daily: daily.calendar, dailyBlock });
      },
      forming: (time, nowSec) => formingPeriod(time, daily.calendar.latestIndex(nowSec), daily.calendar, (k) => bars(daily, k)),
    };
  }
  const spec = seriesSpec(symbol, timeframe);
  const pathBlock = (k: number) => cached(pathCache, `${key}\u0000${k}`, () => buildPath(spec, k));
  const dailyBlock = (k: number) => bars(daily, k);
  // Forex intraday calendars count bars per 5-session week; the others per session.
  const perSession = profile.calendar === "fx_24x5" ? calendar.barsPerSession / 5 : calendar.barsPerSession;
  return { key, calendar, build: (k) => anchorToDaily({ k, perSession, pathBlock, dailyBlock, decimals: profile.decimals }) };
}

function series(symbol: string, timeframe: Timeframe): Series {
  const key = `${symbol}\u0000${timeframe}`;
  let hit = seriesCache.get(key);
  if (!hit) {
    if (seriesCache.size > 2_000) seriesCache.clear();
    hit = makeSeries(symbol, timeframe);
    seriesCache.set(key, hit);
  }
  return hit;
}

export interface DemoSeriesRequest {
  symbol: string;
  timeframe: Timeframe;
  limit: number;
  /** Unix seconds; the last bar is the one open at this moment. */
  nowSec: number;
}

/** The most recent `limit` bars at `nowSec`, oldest first. The symbol must already be normalised. */
export function demoCandles({ symbol, timeframe, limit, nowSec }: DemoSeriesRequest): Candle[] {
  const s = series(symbol, timeframe);
  const latest = s.calendar.latestIndex(nowSec);
  const forming = s.forming?.(s.calendar.timeOf(latest), nowSec);
  // A week or month whose first trading day is still ahead has no bar yet: the previous one is the newest.
  const last = forming === null ? latest - 1 : latest;
  const out = publishedBars(s, last - limit + 1, forming ? last - 1 : last);
  if (forming) out.push(forming);
  return out;
}

/** Bars `firstIdx..lastIdx` as generated (every one of them complete). */
function publishedBars(s: Series, firstIdx: number, lastIdx: number): Candle[] {
  const out: Candle[] = [];
  if (lastIdx < firstIdx) return out;
  let k = floorDiv(firstIdx, BLOCK);
  let data = bars(s, k);
  for (let idx = firstIdx; idx <= lastIdx; idx++) {
    const kk = floorDiv(idx, BLOCK);
    if (kk !== k) {
      k = kk;
      data = bars(s, k);
    }
    const i = idx - k * BLOCK;
    out.push({ time: data.time[i]!, open: data.open[i]!, high: data.high[i]!, low: data.low[i]!, close: data.close[i]!, volume: data.volume[i]! });
  }
  return out;
}
