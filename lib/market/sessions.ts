import type { Timeframe } from "./values";
import { TIMEFRAME_SECONDS } from "./values";

/**
 * Trading calendars: which bars exist, when they open, and which one is the latest at a
 * given moment. Bars are numbered from a fixed epoch (Monday 2000-01-03) so that a bar's
 * number, and everything derived from it, never changes as time advances.
 *
 * - `us_equity`: 09:30-16:00 America/New_York on weekdays (DST by the US rules; holidays
 *   are treated as sessions).
 * - `fx_24x5`: Sunday 22:00 UTC to Friday 22:00 UTC (forex and futures).
 * - `crypto_24x7`: every minute of every day.
 */
export type CalendarKind = "us_equity" | "fx_24x5" | "crypto_24x7";

export interface BarCalendar {
  /** `index mod barsPerSession` is the bar's slot in its session. */
  readonly barsPerSession: number;
  /** Whether a session's first bar can open away from the previous close. */
  readonly hasSessionGaps: boolean;
  /** Number of the latest bar that has opened at or before `nowSec` (the current bar). */
  latestIndex(nowSec: number): number;
  /** Open time of bar `index` in unix seconds; daily and longer bars at 00:00 UTC of their first session date. */
  timeOf(index: number): number;
}

const DAY_S = 86_400;
const WEEK_S = 7 * DAY_S;
/** Monday 2000-01-03 as days since 1970-01-01. */
export const EPOCH_DAY = 10_959;
const EPOCH_YEAR = 2000;
const US_SESSION_S = 6.5 * 3600;
const US_OPEN_LOCAL_S = 9.5 * 3600;
/** Forex sessions open at 22:00 UTC on the evening before their trading date. */
const FX_OPEN_LEAD_S = 2 * 3600;

export function floorDiv(a: number, b: number): number {
  return Math.floor(a / b);
}

/** 0 = Monday ... 6 = Sunday. */
export function weekday(day: number): number {
  return ((day - EPOCH_DAY) % 7 + 7) % 7;
}

export function dayFromCivil(year: number, month0: number, date: number): number {
  return Date.UTC(year, month0, date) / 86_400_000;
}

function lastSundayOnOrBefore(day: number): number {
  return day - ((weekday(day) + 1) % 7);
}

interface DstSpan {
  yearStart: number;
  yearEnd: number;
  dstStart: number;
  dstEnd: number;
}

let dstCache: DstSpan | null = null;

function dstSpanForYear(year: number): DstSpan {
  let dstStart: number;
  let dstEnd: number;
  if (year >= 2007) {
    // Second Sunday of March to first Sunday of November.
    dstStart = lastSundayOnOrBefore(dayFromCivil(year, 2, 14));
    dstEnd = lastSundayOnOrBefore(dayFromCivil(year, 10, 7));
  } else {
    // 1987-2006 rule: first Sunday of April to last Sunday of October (used for older dates too).
    dstStart = lastSundayOnOrBefore(dayFromCivil(year, 3, 7));
    dstEnd = lastSundayOnOrBefore(dayFromCivil(year, 9, 31));
  }
  return { yearStart: dayFromCivil(year, 0, 1), yearEnd: dayFromCivil(year + 1, 0, 1), dstStart, dstEnd };
}

/**
 * UTC offset of New York on a civil date, in seconds (-14400 in EDT, -18000 in EST). The
 * switch happens at 02:00 local on a Sunday, never during a session, so the date decides.
 */
export function newYorkOffsetSeconds(day: number): number {
  let span = dstCache;
  if (!span || day < span.yearStart || day >= span.yearEnd) {
    span = dstSpanForYear(new Date(day * 86_400_000).getUTCFullYear());
    dstCache = span;
  }
  return day >= span.dstStart && day < span.dstEnd ? -4 * 3600 : -5 * 3600;
}

/** Opening time of the US cash session on a civil date. */
export function usSessionOpen(day: number): number {
  return day * DAY_S + US_OPEN_LOCAL_S - newYorkOffsetSeconds(day);
}

/** How a calendar kind maps a moment to its trading date and a trading date to its opening time. */
interface SessionRules {
  weekdaysOnly: boolean;
  sessionDate(t: number): number;
  sessionOpen(day: number): number;
}

const RULES: Record<CalendarKind, SessionRules> = {
  us_equity: {
    weekdaysOnly: true,
    sessionDate: (t) => {
      const approx = floorDiv(t, DAY_S);
      return floorDiv(t + newYorkOffsetSeconds(approx), DAY_S);
    },
    sessionOpen: usSessionOpen,
  },
  fx_24x5: {
    weekdaysOnly: true,
    sessionDate: (t) => floorDiv(t + FX_OPEN_LEAD_S, DAY_S),
    sessionOpen: (day) => day * DAY_S - FX_OPEN_LEAD_S,
  },
  crypto_24x7: {
    weekdaysOnly: false,
    sessionDate: (t) => floorDiv(t, DAY_S),
    sessionOpen: (day) => day * DAY_S,
  },
};

/** Weekday number since the epoch for a weekday date; a weekend date maps to the Friday before. */
function tradingDayOnOrBefore(day: number): number {
  const e = day - EPOCH_DAY;
  const w = floorDiv(e, 7);
  return 5 * w + Math.min(e - 7 * w, 4);
}

function dateOfTradingDay(d: number): number {
  const w = floorDiv(d, 5);
  return EPOCH_DAY + 7 * w + (d - 5 * w);
}

/** The latest trading date whose session has opened by `t`, as a day number. */
function latestSessionDay(rules: SessionRules, t: number): number {
  let day = rules.sessionDate(t);
  if (rules.weekdaysOnly && weekday(day) >= 5) return day - (weekday(day) - 4);
  if (t < rules.sessionOpen(day)) {
    day -= 1;
    if (rules.weekdaysOnly) while (weekday(day) >= 5) day -= 1;
  }
  return day;
}

/** US equities intraday: a fixed number of bars per 6.5-hour session; the last may be short. */
function usIntraday(tfSec: number): BarCalendar {
  const perDay = Math.ceil(US_SESSION_S / tfSec);
  const rules = RULES.us_equity;
  return {
    barsPerSession: perDay,
    hasSessionGaps: true,
    timeOf(index) {
      const d = floorDiv(index, perDay);
      return usSessionOpen(dateOfTradingDay(d)) + (index - d * perDay) * tfSec;
    },
    latestIndex(t) {
      const day = latestSessionDay(rules, t);
      const slot = Math.min(floorDiv(t - usSessionOpen(day), tfSec), perDay - 1);
      return tradingDayOnOrBefore(day) * perDay + slot;
    },
  };
}

/** Forex intraday: the 120-hour week from Sunday 22:00 UTC, bars aligned to the week's open. */
function fxIntraday(tfSec: number): BarCalendar {
  const perWeek = (5 * DAY_S) / tfSec;
  const week0 = EPOCH_DAY * DAY_S - FX_OPEN_LEAD_S;
  return {
    barsPerSession: perWeek,
    hasSessionGaps: true,
    timeOf(index) {
      const w = floorDiv(index, perWeek);
      return week0 + w * WEEK_S + (index - w * perWeek) * tfSec;
    },
    latestIndex(t) {
      const w = floorDiv(t - week0, WEEK_S);
      const offset = t - week0 - w * WEEK_S;
      return w * perWeek + Math.min(floorDiv(offset, tfSec), perWeek - 1);
    },
  };
}

/** Fixed-length bars from the epoch (crypto intraday, daily and weekly). */
function uniform(stepSec: number): BarCalendar {
  const origin = EPOCH_DAY * DAY_S;
  return {
    barsPerSession: Math.max(1, DAY_S / stepSec),
    hasSessionGaps: false,
    timeOf: (index) => origin + index * stepSec,
    latestIndex: (t) => floorDiv(t - origin, stepSec),
  };
}

/** One bar per trading date, stamped 00:00 UTC. */
function daily(kind: CalendarKind): BarCalendar {
  const rules = RULES[kind];
  return {
    barsPerSession: 1,
    hasSessionGaps: true,
    timeOf: (index) => dateOfTradingDay(index) * DAY_S,
    latestIndex: (t) => tradingDayOnOrBefore(latestSessionDay(rules, t)),
  };
}

/** Weeks from Monday: the bar exists once the week's first session has opened. */
function weekly(kind: CalendarKind): BarCalendar {
  const rules = RULES[kind];
  return {
    barsPerSession: 1,
    hasSessionGaps: true,
    timeOf: (index) => (EPOCH_DAY + 7 * index) * DAY_S,
    latestIndex: (t) => floorDiv(latestSessionDay(rules, t) - EPOCH_DAY, 7),
  };
}

function firstSessionOfMonth(rules: SessionRules, year: number, month0: number): number {
  const first = dayFromCivil(year, month0, 1);
  if (!rules.weekdaysOnly) return first;
  const wd = weekday(first);
  return wd >= 5 ? first + (7 - wd) : first;
}

/** Calendar months, stamped at their first session date. */
function monthly(kind: CalendarKind): BarCalendar {
  const rules = RULES[kind];
  return {
    barsPerSession: 1,
    hasSessionGaps: true,
    timeOf(index) {
      const y = floorDiv(index, 12);
      return firstSessionOfMonth(rules, EPOCH_YEAR + y, index - 12 * y) * DAY_S;
    },
    latestIndex(t) {
      const d = new Date(latestSessionDay(rules, t) * 86_400_000);
      return (d.getUTCFullYear() - EPOCH_YEAR) * 12 + d.getUTCMonth();
    },
  };
}

function build(kind: CalendarKind, timeframe: Timeframe): BarCalendar {
  switch (timeframe) {
    case "1D":
      return kind === "crypto_24x7" ? uniform(DAY_S) : daily(kind);
    case "1W":
      return kind === "crypto_24x7" ? uniform(WEEK_S) : weekly(kind);
    case "1M":
      return monthly(kind);
    default: {
      const tfSec = TIMEFRAME_SECONDS[timeframe];
      if (kind === "us_equity") return usIntraday(tfSec);
      if (kind === "fx_24x5") return fxIntraday(tfSec);
      return uniform(tfSec);
    }
  }
}

const calendars = new Map<string, BarCalendar>();

export function barCalendar(kind: CalendarKind, timeframe: Timeframe): BarCalendar {
  const key = `${kind}:${timeframe}`;
  let cal = calendars.get(key);
  if (!cal) {
    cal = build(kind, timeframe);
    calendars.set(key, cal);
  }
  return cal;
}

/** Trading sessions a bar spans, for scaling volatility and volume to the bar's length. */
export function sessionsPerBar(kind: CalendarKind, timeframe: Timeframe): number {
  switch (timeframe) {
    case "1D":
      return 1;
    case "1W":
      return kind === "crypto_24x7" ? 7 : 5;
    case "1M":
      return kind === "crypto_24x7" ? 30.4 : 21;
    default:
      return TIMEFRAME_SECONDS[timeframe] / (kind === "us_equity" ? US_SESSION_S : DAY_S);
  }
}
