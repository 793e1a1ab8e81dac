import { demoCandles } from "@/lib/market/demo/generator";
import { symbolProfile } from "@/lib/market/demo/profiles";
import { barCalendar } from "@/lib/market/sessions";
import type { Candle } from "@/lib/market/types";
import { TIMEFRAMES, type Timeframe } from "@/lib/market/values";

/** Tuesday, 10:00 in New York: a US session, a crypto day and a forex session in progress. */
const NOW = Date.parse("2026-11-24T15:00:00Z") / 1000;
const DAY = 86_400;
const SYMBOLS = ["TSLA", "BTC-USD", "EURUSD=X"] as const;
const INTRADAY: Timeframe[] = ["1m", "5m", "15m", "30m", "1h", "4h"];

const candles = (symbol: string, timeframe: Timeframe, limit: number, nowSec = NOW) => demoCandles({ symbol, timeframe, limit, nowSec });

function aggregate(days: Candle[]): Omit<Candle, "time"> {
  return {
    open: days[0]!.open,
    high: Math.max(...days.map((c) => c.high)),
    low: Math.min(...days.map((c) => c.low)),
    close: days[days.length - 1]!.close,
    volume: days.reduce((s, c) => s + c.volume, 0),
  };
}

/** Each period bar next to the aggregate of the daily bars in [its time, `end(bar)`). */
function periodsAndDays(periods: Candle[], days: Candle[], end: (bar: Candle) => number) {
  return periods.map((p) => {
    const inside = days.filter((d) => d.time >= p.time && d.time < end(p));
    return { time: p.time, bar: { ...p, time: undefined }, days: inside.length, fromDays: { ...aggregate(inside), time: undefined } };
  });
}

const nextMonth = (bar: Candle) => {
  const d = new Date(bar.time * 1000);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / 1000;
};

/** Intraday bars grouped by the daily bar (session) they belong to, keyed by that bar's time. */
function bySession(symbol: string, bars: Candle[]): Map<number, Candle[]> {
  const daily = barCalendar(symbolProfile(symbol).calendar, "1D");
  const out = new Map<number, Candle[]>();
  for (const c of bars) {
    const day = daily.timeOf(daily.latestIndex(c.time));
    const list = out.get(day);
    if (list) list.push(c);
    else out.set(day, [c]);
  }
  return out;
}

describe("demo market: one price story across timeframes", () => {
  it.each(SYMBOLS)("%s: weekly and monthly bars aggregate the daily bars of their period, the current one only the days so far", (symbol) => {
    const weeks = candles(symbol, "1W", 30);
    const months = candles(symbol, "1M", 12);
    const days = candles(symbol, "1D", 500);
    // Completed periods: all their days. The current period: its days up to today's bar, so
    // the week and the month close where the daily chart does, and nothing comes from the future.
    const rows = [...periodsAndDays(weeks, days, (w) => w.time + 7 * DAY), ...periodsAndDays(months, days, nextMonth)];
    for (const row of rows) expect({ time: row.time, bar: row.bar }).toEqual({ time: row.time, bar: row.fromDays });
    expect(periodsAndDays(weeks.slice(0, -1), days, (w) => w.time + 7 * DAY).every((r) => r.days >= 5)).toBe(true);
    expect(periodsAndDays(months.slice(0, -1), days, nextMonth).every((r) => r.days >= 20)).toBe(true);
    const today = days[days.length - 1]!;
    expect([weeks[weeks.length - 1]!.close, months[months.length - 1]!.close]).toEqual([today.close, today.close]);
  });

  it.each(SYMBOLS)("%s: intraday sessions open at the daily open, close at the daily close and stay inside the daily range", (symbol) => {
    const days = new Map(candles(symbol, "1D", 2500).map((c) => [c.time, c]));
    for (const tf of INTRADAY) {
      const sessions = [...bySession(symbol, candles(symbol, tf, 5000)).entries()];
      // The oldest session may be cut by the limit; the newest is in progress at NOW.
      const completed = sessions.slice(1, -1);
      // 5,000 minutes are three and a half crypto or forex days.
      expect(completed.length).toBeGreaterThanOrEqual(2);
      const [currentDay, current] = sessions[sessions.length - 1]!;
      expect({ tf, open: current[0]!.open }).toEqual({ tf, open: days.get(currentDay)!.open });
      for (const [dayTime, bars] of completed) {
        const day = days.get(dayTime)!;
        const seen = {
          tf,
          dayTime,
          open: bars[0]!.open,
          close: bars[bars.length - 1]!.close,
          aboveHigh: bars.some((c) => c.high > day.high),
          belowLow: bars.some((c) => c.low < day.low),
        };
        expect(seen).toEqual({ tf, dayTime, open: day.open, close: day.close, aboveHigh: false, belowLow: false });
      }
    }
  });

  // Moments spread over a month, at different hours: open and closed US sessions, weekends.
  const MOMENTS = [0, -1.2, -3.5, -6.9, -9.4, -13.7, -17.1, -22.6, -27.3].map((d) => NOW + Math.round(d * DAY));

  it.each(SYMBOLS)("%s: the latest prices of every timeframe agree with the latest daily bar", (symbol) => {
    const vol = symbolProfile(symbol).dailyVol;
    for (const now of MOMENTS) {
      const [day] = candles(symbol, "1D", 1, now) as [Candle];
      for (const tf of INTRADAY) {
        const [last] = candles(symbol, tf, 1, now) as [Candle];
        // The current intraday price is a price of today's session, so it lies in today's daily range.
        const seen = { now, tf, inDailyRange: last.close >= day.low && last.close <= day.high, nearDailyClose: Math.abs(Math.log(last.close / day.close)) <= 3 * vol };
        expect(seen).toEqual({ now, tf, inDailyRange: true, nearDailyClose: true });
      }
      for (const tf of ["1W", "1M"] as const) {
        const [period] = candles(symbol, tf, 1, now) as [Candle];
        // Today belongs to the current week and month: their candles cover today's whole bar.
        const seen = { now, tf, covers: period.low <= day.low && period.high >= day.high && period.time <= day.time };
        expect(seen).toEqual({ now, tf, covers: true });
      }
    }
  });

  it("keeps published bars of every timeframe, and the week in progress grows into the aggregate of its days", async () => {
    for (const symbol of SYMBOLS) {
      for (const tf of TIMEFRAMES) {
        // A week or month in progress is still forming; every bar before it is final.
        const early = tf === "1W" || tf === "1M" ? candles(symbol, tf, 400).slice(0, -1) : candles(symbol, tf, 400);
        const byTime = new Map(candles(symbol, tf, INTRADAY.includes(tf) ? 5000 : 600, NOW + 2.5 * DAY).map((c) => [c.time, c]));
        const shared = early.filter((c) => byTime.has(c.time));
        expect(shared.length).toBeGreaterThan(100);
        expect(shared.filter((c) => JSON.stringify(byTime.get(c.time)) !== JSON.stringify(c))).toEqual([]);
      }
      const [week] = candles(symbol, "1W", 1) as [Candle];
      const later = candles(symbol, "1W", 2, NOW + 9 * DAY)[0]!;
      const [row] = periodsAndDays([later], candles(symbol, "1D", 30, NOW + 9 * DAY), (w) => w.time + 7 * DAY);
      expect(later.time).toBe(week.time);
      expect(row!.bar).toEqual(row!.fromDays);
      expect(later.high).toBeGreaterThanOrEqual(week.high);
      expect(later.low).toBeLessThanOrEqual(week.low);
      expect(later.open).toBe(week.open);
    }
    // A fresh process that asks for a long monthly series first (daily blocks built on the
    // side, not cached) serves the same bars as this warm one.
    const warm = candles("TSLA", "1M", 500);
    await jest.isolateModulesAsync(async () => {
      const fresh = await import("@/lib/market/demo/generator");
      expect(fresh.demoCandles({ symbol: "TSLA", timeframe: "1M", limit: 500, nowSec: NOW })).toEqual(warm);
      expect(fresh.demoCandles({ symbol: "TSLA", timeframe: "5m", limit: 500, nowSec: NOW })).toEqual(candles("TSLA", "5m", 500));
    });
  });
});
