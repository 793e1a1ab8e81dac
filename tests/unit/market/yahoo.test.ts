import { UnknownSymbolError, UpstreamError } from "@/lib/market/types";
import { YahooProvider, yahooTicker, type ChartFetcher, type YahooChartRequest } from "@/lib/market/yahoo";

const NOW = Date.parse("2026-11-24T16:00:00Z");
const NY_EST = -5 * 3600;

type Num = number | null;
function chart(timestamps: number[], q: { open: Num[]; high: Num[]; low: Num[]; close: Num[]; volume?: Num[] }, meta: Record<string, unknown> = {}) {
  return { meta: { gmtoffset: NY_EST, regularMarketPrice: 101, regularMarketTime: new Date(NOW), ...meta }, timestamp: timestamps, indicators: { quote: [q] } };
}

/** `n` regular hourly US bars from Monday 2026-11-23 09:30 EST (14:30 UTC), 7 a day. */
function hourlyBars(days: number) {
  const ts: number[] = [];
  for (let d = 0; d < days; d++) for (let h = 0; h < 7; h++) ts.push(Date.parse("2026-11-23T14:30:00Z") / 1000 + d * 86_400 + h * 3600);
  const px = ts.map((_, i) => 100 + i);
  return chart(ts, { open: px, high: px.map((p) => p + 2), low: px.map((p) => p - 2), close: px.map((p) => p + 1), volume: px.map(() => 10) });
}

function provider(fetchChart: ChartFetcher, timeoutMs = 1000) {
  return new YahooProvider({ timeoutMs, fetchChart, now: () => NOW });
}

describe("yahoo provider", () => {
  it("asks for the mapped interval over a period that covers the limit", async () => {
    const seen: YahooChartRequest[] = [];
    const p = provider(async (_s, r) => (seen.push(r), hourlyBars(1)));
    await p.candles("TSLA", "1D", 100);
    await p.candles("TSLA", "1W", 10);
    await p.candles("TSLA", "1M", 10);
    await p.candles("TSLA", "4h", 10);
    await p.candles("TSLA", "1m", 5000);
    expect(seen.map((r) => r.interval)).toEqual(["1d", "1wk", "1mo", "60m", "1m"]);
    // 100 trading days reach back about 140 calendar days.
    expect((NOW / 1000 - seen[0]!.period1) / 86_400).toBeGreaterThan(140);
    // 1-minute data: Yahoo serves at most the last week.
    expect(NOW / 1000 - seen[4]!.period1).toBeLessThanOrEqual(7 * 86_400);
    expect(seen.every((r) => r.period2 === NOW / 1000)).toBe(true);
  });

  it("drops bars with missing prices, turns null volume into 0 and keeps the newest `limit`", async () => {
    const ts = [1, 2, 3, 4, 5].map((i) => Date.parse("2026-11-24T14:30:00Z") / 1000 + (i - 1) * 60);
    const p = provider(async () =>
      chart(ts, {
        open: [10, null, 10, 10, 10],
        high: [11, 11, 11, 11, 11],
        low: [9, 9, null, 9, 9],
        close: [10.5, 10.5, 10.5, 10.5, 10.5],
        volume: [100, 100, 100, null, 100],
      }),
    );
    const all = await p.candles("TSLA", "1m", 10);
    expect(all.map((c) => c.time)).toEqual([ts[0], ts[3], ts[4]]);
    expect(all[1]!.volume).toBe(0);
    expect(await p.candles("TSLA", "1m", 2)).toEqual(all.slice(-2));
  });

  it("widens a live bar whose high is below its close, and stamps daily bars at 00:00 UTC", async () => {
    const ts = [Date.parse("2026-11-23T14:30:00Z") / 1000, Date.parse("2026-11-24T15:59:12Z") / 1000];
    const p = provider(async () => chart(ts, { open: [10, 10], high: [11, 10.2], low: [9, 9.9], close: [10.5, 10.4], volume: [1, 2] }));
    const bars = await p.candles("TSLA", "1D", 10);
    expect(bars.map((c) => new Date(c.time * 1000).toISOString())).toEqual(["2026-11-23T00:00:00.000Z", "2026-11-24T00:00:00.000Z"]);
    expect(bars[1]!.high).toBe(10.4);
  });

  it("builds 4h bars from 1h bars at 09:30 and 13:30 New York", async () => {
    const p = provider(async () => hourlyBars(2));
    const bars = await p.candles("TSLA", "4h", 10);
    expect(bars.map((c) => new Date(c.time * 1000).toISOString())).toEqual([
      "2026-11-23T14:30:00.000Z",
      "2026-11-23T18:30:00.000Z",
      "2026-11-24T14:30:00.000Z",
      "2026-11-24T18:30:00.000Z",
    ]);
    // First bucket: hours 0-3 of day one (prices 100..103).
    expect(bars[0]).toEqual({ time: bars[0]!.time, open: 100, high: 105, low: 98, close: 104, volume: 40 });
    expect(bars[1]!.volume).toBe(30);
  });

  it.each([
    ["not an object", "nonsense"],
    ["no indicators", { meta: {}, timestamp: [1] }],
    ["prices as strings", { meta: {}, timestamp: [1], indicators: { quote: [{ open: ["1"], high: [1], low: [1], close: [1] }] } }],
    ["arrays of different lengths", { meta: {}, timestamp: [1, 2], indicators: { quote: [{ open: [1], high: [1], low: [1], close: [1] }] } }],
  ])("turns a malformed answer (%s) into an upstream error", async (_name, body) => {
    const err = await provider(async () => body)
      .candles("TSLA", "1D", 5)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UpstreamError);
    expect((err as UpstreamError).kind).toBe("unavailable");
  });

  it("maps Yahoo's failures to ours", async () => {
    const failWith = (e: unknown) => provider(async () => Promise.reject(e)).candles("ZZZZ", "1D", 5).catch((x: unknown) => x);
    expect(await failWith(new Error("No data found, symbol may be delisted"))).toBeInstanceOf(UnknownSymbolError);
    const http404 = Object.assign(new Error("Not Found"), { name: "HTTPError", code: 404 });
    expect(await failWith(http404)).toBeInstanceOf(UnknownSymbolError);
    const offline = Object.assign(new TypeError("fetch failed"), { cause: { code: "ENOTFOUND" } });
    expect(await failWith(offline)).toMatchObject({ kind: "unavailable", message: "network unreachable" });
    const limited = Object.assign(new Error("Too Many Requests"), { name: "HTTPError", code: 429 });
    expect(await failWith(limited)).toMatchObject({ kind: "rate_limited" });
    const http500 = Object.assign(new Error("oops"), { name: "HTTPError", code: 500 });
    expect(await failWith(http500)).toMatchObject({ kind: "unavailable", message: "Yahoo Finance answered HTTP 500" });
  });

  it("gives up after the timeout and aborts the request", async () => {
    let aborted = false;
    const p = provider(
      (_s, _r, signal) =>
        new Promise(() => {
          signal.addEventListener("abort", () => (aborted = true));
        }),
      50,
    );
    const err = await p.candles("TSLA", "1D", 5).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: "timeout", message: "timed out after 50 ms" });
    expect(aborted).toBe(true);
  });

  it("quotes the market price against the previous session's close", async () => {
    const ts = [Date.parse("2026-11-21T14:30:00Z") / 1000, Date.parse("2026-11-24T14:30:00Z") / 1000];
    const p = provider(async () => chart(ts, { open: [98, 99], high: [100, 102], low: [97, 98], close: [99, 100], volume: [1, 1] }));
    const q = await p.quote("TSLA");
    expect(q).toMatchObject({ symbol: "TSLA", price: 101, change: 2, source: "yahoo", time: NOW / 1000 });
    expect(q.changePercent).toBeCloseTo((2 / 99) * 100, 6);
  });

  it("asks Yahoo for class shares with a dash", () => {
    expect(yahooTicker("BRK.B")).toBe("BRK-B");
    expect(yahooTicker("VOD.L")).toBe("VOD.L");
    expect(yahooTicker("SHOP.TO")).toBe("SHOP.TO");
  });
});
