import "server-only";
import { z } from "zod";
import { log } from "@/lib/log/logger";
import { assetClassOf, calendarKindOf } from "./asset-class";
import { barCalendar } from "./sessions";
import { UnknownSymbolError, UpstreamError, type Candle, type MarketDataProvider, type Quote } from "./types";
import { TIMEFRAME_SECONDS, type Timeframe } from "./values";

export type YahooInterval = "1m" | "5m" | "15m" | "30m" | "60m" | "1d" | "1wk" | "1mo";

export interface YahooChartRequest {
  period1: number;
  period2: number;
  interval: YahooInterval;
}

/** One `chart()` call; resolves to Yahoo's raw chart object (checked here, not trusted). */
export type ChartFetcher = (symbol: string, request: YahooChartRequest, signal: AbortSignal) => Promise<unknown>;

/** 4h is not a Yahoo interval: it is built from 1h bars. */
const INTERVAL: Record<Timeframe, YahooInterval> = {
  "1m": "1m",
  "5m": "5m",
  "15m": "15m",
  "30m": "30m",
  "1h": "60m",
  "4h": "60m",
  "1D": "1d",
  "1W": "1wk",
  "1M": "1mo",
};

/** How far back Yahoo serves each intraday interval (1m: 8 days per request). */
const MAX_LOOKBACK_S: Partial<Record<YahooInterval, number>> = {
  "1m": 7 * 86_400,
  "5m": 59 * 86_400,
  "15m": 59 * 86_400,
  "30m": 59 * 86_400,
  "60m": 729 * 86_400,
};

const DAY_S = 86_400;

const Series = z.array(z.number().nullable());
const ChartObjectSchema = z.object({
  meta: z.looseObject({
    gmtoffset: z.number().optional(),
    regularMarketPrice: z.number().optional(),
    regularMarketTime: z.union([z.date(), z.number()]).optional(),
  }),
  timestamp: z.array(z.number()).optional(),
  indicators: z.object({
    quote: z.array(z.object({ open: Series, high: Series, low: Series, close: Series, volume: Series.optional() })),
  }),
});
type ChartObject = z.output<typeof ChartObjectSchema>;

const NETWORK_CODES = new Set(["ENOTFOUND", "EAI_AGAIN", "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ENETUNREACH", "EHOSTUNREACH", "UND_ERR_CONNECT_TIMEOUT", "UND_ERR_SOCKET"]);

function causeCode(err: unknown): string | undefined {
  const cause = (err as { cause?: { code?: unknown } } | null)?.cause;
  return typeof cause?.code === "string" ? cause.code : undefined;
}

/**
 * Yahoo's failures in our terms. The UpstreamError message is the reason in a few words
 * ("network unreachable"), so `auto` can show it to a trader as it is.
 */
export function toMarketError(err: unknown, symbol: string): Error {
  if (err instanceof UpstreamError || err instanceof UnknownSymbolError) return err;
  const e = err as { name?: unknown; message?: unknown; code?: unknown } | null;
  const name = typeof e?.name === "string" ? e.name : "";
  const message = typeof e?.message === "string" ? e.message : String(err);
  const status = typeof e?.code === "number" ? e.code : undefined;
  if (name === "AbortError" || name === "TimeoutError") return new UpstreamError("request timed out", "timeout");
  if (status === 429 || /too many requests/i.test(message)) return new UpstreamError("rate limited by Yahoo Finance", "rate_limited");
  if (status === 404 || /no data found|symbol may be delisted/i.test(message)) return new UnknownSymbolError(symbol);
  const code = causeCode(err);
  if ((code && NETWORK_CODES.has(code)) || /fetch failed|getaddrinfo|network/i.test(message)) return new UpstreamError("network unreachable", "unavailable");
  if (status !== undefined) return new UpstreamError(`Yahoo Finance answered HTTP ${status}`, "unavailable");
  return new UpstreamError("unexpected answer from Yahoo Finance", "unavailable");
}

/** BRK.B is BRK-B at Yahoo (exchange suffixes such as .L or .TO keep their dot). */
export function yahooTicker(symbol: string): string {
  return /^[A-Z]{1,5}\.[AB]$/.test(symbol) ? symbol.replace(".", "-") : symbol;
}

function secondsOf(t: Date | number | undefined): number | undefined {
  if (t === undefined) return undefined;
  return typeof t === "number" ? Math.floor(t) : Math.floor(t.getTime() / 1000);
}

interface RawBar {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

const usable = (x: number | null | undefined): x is number => typeof x === "number" && Number.isFinite(x) && x > 0;

/**
 * Bars from a checked chart object: bars with a missing or non-positive price dropped, the
 * high/low envelope widened to hold open and close (Yahoo's live bar is sometimes off by a
 * tick), daily and longer bars moved to 00:00 UTC of their exchange date, the live last bar
 * (stamped at "now") put on its grid or merged into the bar it belongs to.
 */
export function barsFromChart(chart: ChartObject, timeframe: Timeframe): RawBar[] {
  const ts = chart.timestamp ?? [];
  const q = chart.indicators.quote[0];
  if (ts.length === 0 || !q) return [];
  if ([q.open, q.high, q.low, q.close].some((s) => s.length !== ts.length)) {
    throw new UpstreamError("unexpected answer from Yahoo Finance", "unavailable");
  }
  const offset = chart.meta.gmtoffset ?? 0;
  const daily = timeframe === "1D" || timeframe === "1W" || timeframe === "1M";
  const step = INTERVAL[timeframe] === "60m" ? 3600 : TIMEFRAME_SECONDS[timeframe];
  const out: RawBar[] = [];
  for (let i = 0; i < ts.length; i++) {
    const open = q.open[i];
    const high = q.high[i];
    const low = q.low[i];
    const close = q.close[i];
    const t = ts[i]!;
    if (!usable(open) || !usable(high) || !usable(low) || !usable(close) || !Number.isFinite(t)) continue;
    const v = q.volume?.[i];
    const bar: RawBar = {
      time: Math.floor(t),
      open,
      high: Math.max(high, open, close),
      low: Math.min(low, open, close),
      close,
      volume: typeof v === "number" && Number.isFinite(v) && v > 0 ? v : 0,
    };
    if (daily) bar.time = Math.floor((bar.time + offset) / DAY_S) * DAY_S;
    const prev = out[out.length - 1];
    if (prev) {
      if (!daily && i === ts.length - 1 && bar.time > prev.time) bar.time = prev.time + Math.floor((bar.time - prev.time) / step) * step;
      if (bar.time <= prev.time) {
        // The live bar repeated, or stamped at "now" inside the previous bar: fold it in.
        prev.high = Math.max(prev.high, bar.high);
        prev.low = Math.min(prev.low, bar.low);
        prev.close = bar.close;
        prev.volume += bar.volume;
        continue;
      }
    }
    out.push(bar);
  }
  return out;
}

/** 4h bars from 1h bars: buckets of four hours from each exchange day's first bar (09:30, 13:30 for US stocks; 00:00, 04:00 ... for 24-hour markets). */
export function aggregateFourHours(bars: readonly RawBar[], gmtoffset: number): RawBar[] {
  const out: RawBar[] = [];
  let day = Number.NaN;
  let dayStart = 0;
  let current: RawBar | undefined;
  for (const b of bars) {
    const d = Math.floor((b.time + gmtoffset) / DAY_S);
    if (d !== day) {
      day = d;
      // Anchor at the exchange day's midnight when bars run round the clock, else at the first bar.
      const midnight = d * DAY_S - gmtoffset;
      dayStart = b.time - midnight < 3600 ? midnight : b.time;
    }
    const start = dayStart + Math.floor((b.time - dayStart) / 14_400) * 14_400;
    if (current && current.time === start) {
      current.high = Math.max(current.high, b.high);
      current.low = Math.min(current.low, b.low);
      current.close = b.close;
      current.volume += b.volume;
    } else {
      current = { ...b, time: start };
      out.push(current);
    }
  }
  return out;
}

const text = (args: unknown[]) => args.map((a) => (typeof a === "string" ? a : a instanceof Error ? a.message : JSON.stringify(a))).join(" ");

/** The library's own messages as our JSON log lines (it warns about Node 20, which it runs on fine). */
const YAHOO_LOGGER = {
  info: () => undefined,
  debug: () => undefined,
  dir: () => undefined,
  warn: (...args: unknown[]) => log.warn("yahoo-finance2", { detail: text(args) }),
  error: (...args: unknown[]) => log.error("yahoo-finance2", { detail: text(args) }),
};

let client: Promise<ChartFetcher> | null = null;

/** The real fetcher: one yahoo-finance2 instance, loaded on first use so the demo never pays for it. */
export function yahooFinanceFetcher(): ChartFetcher {
  return async (symbol, request, signal) => {
    client ??= import("yahoo-finance2").then(({ default: YahooFinance }) => {
      const yf = new YahooFinance({ suppressNotices: ["yahooSurvey"], versionCheck: false, logger: YAHOO_LOGGER });
      const fetcher: ChartFetcher = (s, r, sig) =>
        yf.chart(s, { period1: r.period1, period2: r.period2, interval: r.interval, return: "object" }, { validateResult: false, fetchOptions: { signal: sig } });
      return fetcher;
    });
    return (await client)(symbol, request, signal);
  };
}

export interface YahooProviderOptions {
  timeoutMs: number;
  fetchChart?: ChartFetcher;
  /** Milliseconds since the epoch. */
  now?: () => number;
}

export class YahooProvider implements MarketDataProvider {
  readonly name = "yahoo" as const;
  private readonly fetchChart: ChartFetcher;
  private readonly now: () => number;

  constructor(private readonly opts: YahooProviderOptions) {
    this.fetchChart = opts.fetchChart ?? yahooFinanceFetcher();
    this.now = opts.now ?? Date.now;
  }

  /** One checked chart call within the timeout; every failure leaves as UnknownSymbolError or UpstreamError. */
  private async chart(symbol: string, request: YahooChartRequest): Promise<ChartObject> {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new UpstreamError(`timed out after ${this.opts.timeoutMs} ms`, "timeout"));
      }, this.opts.timeoutMs);
    });
    let raw: unknown;
    try {
      raw = await Promise.race([this.fetchChart(yahooTicker(symbol), request, controller.signal), timeout]);
    } catch (err) {
      throw toMarketError(err, symbol);
    } finally {
      clearTimeout(timer);
    }
    const parsed = ChartObjectSchema.safeParse(raw);
    if (!parsed.success) throw new UpstreamError("unexpected answer from Yahoo Finance", "unavailable");
    return parsed.data;
  }

  async candles(symbol: string, timeframe: Timeframe, limit: number): Promise<Candle[]> {
    const interval = INTERVAL[timeframe];
    const nowSec = Math.floor(this.now() / 1000);
    // Our trading calendar tells how far back `limit` bars reach; a margin covers holidays.
    const cal = barCalendar(calendarKindOf(assetClassOf(symbol)), timeframe);
    let period1 = cal.timeOf(cal.latestIndex(nowSec) - Math.ceil(limit * 1.1) - 3);
    const maxLookback = MAX_LOOKBACK_S[interval];
    if (maxLookback !== undefined) period1 = Math.max(period1, nowSec - maxLookback);
    const chart = await this.chart(symbol, { period1, period2: nowSec, interval });
    let bars = barsFromChart(chart, timeframe);
    if (timeframe === "4h") bars = aggregateFourHours(bars, chart.meta.gmtoffset ?? 0);
    return bars.slice(-limit);
  }

  async quote(symbol: string): Promise<Quote> {
    const nowSec = Math.floor(this.now() / 1000);
    const chart = await this.chart(symbol, { period1: nowSec - 10 * DAY_S, period2: nowSec, interval: "1d" });
    const bars = barsFromChart(chart, "1D");
    const last = bars[bars.length - 1];
    const price = chart.meta.regularMarketPrice ?? last?.close;
    if (!last || price === undefined || !(price > 0)) throw new UpstreamError("no recent price from Yahoo Finance", "unavailable");
    const time = secondsOf(chart.meta.regularMarketTime) ?? last.time;
    // The previous session's close: the bar before today's, or the last bar when today's has not started.
    const today = Math.floor((time + (chart.meta.gmtoffset ?? 0)) / DAY_S) * DAY_S;
    const prev = last.time >= today ? bars[bars.length - 2] : last;
    const change = prev ? price - prev.close : 0;
    return {
      symbol,
      price,
      change,
      changePercent: prev ? (change / prev.close) * 100 : 0,
      time,
      source: "yahoo",
    };
  }
}
