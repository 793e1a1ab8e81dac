import { resetServerEnv } from "@/lib/config/env";
import { resetMarketService } from "@/lib/market/service";
import { GET, POST } from "@/app/api/market/candles/route";

/** Yahoo's client replaced by one whose chart() the test decides: no network. */
let chartImpl: (symbol: string, query: unknown, moduleOptions: { fetchOptions?: { signal?: AbortSignal } }) => Promise<unknown>;
const chartCalls: string[] = [];
jest.mock("yahoo-finance2", () => ({
  __esModule: true,
  default: class {
    chart(symbol: string, query: unknown, moduleOptions: { fetchOptions?: { signal?: AbortSignal } }) {
      chartCalls.push(symbol);
      return chartImpl(symbol, query, moduleOptions);
    }
  },
}));

const ORIGINAL_ENV = { ...process.env };

function setEnv(vars: Record<string, string>) {
  process.env = { ...ORIGINAL_ENV, LOG_SILENT: "1", DATA_DIR: "/tmp/market-route-test", RATE_LIMIT_PER_MIN: "0", ...vars };
  resetServerEnv();
  resetMarketService();
}

afterEach(() => {
  process.env = { ...ORIGINAL_ENV };
  resetServerEnv();
  resetMarketService();
  chartCalls.length = 0;
});

const get = (query: string) => GET(new Request(`http://localhost/api/market/candles${query}`));

async function errorOf(res: Response) {
  const body = (await res.json()) as { success: boolean; code: string; error: string; text: string };
  expect(body.success).toBe(false);
  expect(typeof body.text).toBe("string");
  return { status: res.status, code: body.code, error: body.error };
}

describe("GET /api/market/candles (demo)", () => {
  beforeEach(() => setEnv({ MARKET_DATA_PROVIDER: "demo" }));

  it("answers the contract's shape with the newest 500 bars by default", async () => {
    const res = await get("?symbol=TSLA&timeframe=1D");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    expect(res.headers.get("cache-control")).toBe("private, max-age=300");
    const body = await res.json();
    expect(Object.keys(body).sort()).toEqual(["candles", "source", "symbol", "timeframe"]);
    expect(body).toMatchObject({ symbol: "TSLA", timeframe: "1D", source: "demo" });
    expect(body.candles).toHaveLength(500);
    expect(Object.keys(body.candles[0]).sort()).toEqual(["close", "high", "low", "open", "time", "volume"]);
    const times = body.candles.map((c: { time: number }) => c.time);
    expect(times).toEqual([...times].sort((a: number, b: number) => a - b));
  });

  it("normalises the symbol and timeframe aliases, and honours limit", async () => {
    const res = await get("?symbol=%20btc-usd%20&timeframe=hourly&limit=42");
    const body = await res.json();
    expect(body).toMatchObject({ symbol: "BTC-USD", timeframe: "1h" });
    expect(body.candles).toHaveLength(42);
    expect(res.headers.get("cache-control")).toBe("private, max-age=120");
    const same = await (await get("?symbol=BTC-USD&timeframe=1h&limit=42")).json();
    expect(same.candles).toEqual(body.candles);
  });

  it.each([
    ["", "symbol: required"],
    ["?timeframe=1D", "symbol: required"],
    ["?symbol=TSLA", "timeframe: required"],
    ["?symbol=TSLA&timeframe=2h", "timeframe: expected one of 1m, 5m, 15m, 30m, 1h, 4h, 1D, 1W, 1M"],
    ["?symbol=not%20a%20symbol&timeframe=1D", "symbol: expected a ticker"],
    ["?symbol=TSLA&timeframe=1D&limit=0", "limit: expected an integer from 1 to 5000"],
    ["?symbol=TSLA&timeframe=1D&limit=5001", "limit: expected an integer from 1 to 5000"],
    ["?symbol=TSLA&timeframe=1D&limit=2.5", "limit: expected an integer from 1 to 5000"],
    ["?symbol=TSLA&timeframe=1D&limit=abc", "limit: expected an integer from 1 to 5000"],
    ["?symbol=TSLA&timeframe=1D&limit=-3", "limit: expected an integer from 1 to 5000"],
  ])("rejects %s with a 400 naming the field", async (query, message) => {
    const err = await errorOf(await get(query));
    expect(err.status).toBe(400);
    expect(err.code).toBe("invalid_request");
    expect(err.error.startsWith(message)).toBe(true);
  });

  it("serves limit 5000 and limit 1", async () => {
    expect((await (await get("?symbol=EURUSD%3DX&timeframe=5m&limit=5000")).json()).candles).toHaveLength(5000);
    expect((await (await get("?symbol=EURUSD%3DX&timeframe=5m&limit=1")).json()).candles).toHaveLength(1);
  });

  it("answers other methods with 405 and allow: GET", async () => {
    const res = await POST(new Request("http://localhost/api/market/candles", { method: "POST", body: "{}" }));
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET");
    expect((await errorOf(res)).code).toBe("method_not_allowed");
  });
});

const okChart = () => ({
  meta: { gmtoffset: -18000, regularMarketPrice: 10 },
  timestamp: [Date.parse("2026-11-23T14:30:00Z") / 1000],
  indicators: { quote: [{ open: [10], high: [11], low: [9], close: [10.5], volume: [5] }] },
});

describe("GET /api/market/candles (yahoo)", () => {
  beforeEach(() => setEnv({ MARKET_DATA_PROVIDER: "yahoo", MARKET_DATA_TIMEOUT_MS: "100" }));

  it("serves Yahoo's bars with source yahoo", async () => {
    chartImpl = async () => okChart();
    const body = await (await get("?symbol=TSLA&timeframe=1D")).json();
    expect(body).toEqual({
      symbol: "TSLA",
      timeframe: "1D",
      source: "yahoo",
      candles: [{ time: Date.parse("2026-11-23T00:00:00Z") / 1000, open: 10, high: 11, low: 9, close: 10.5, volume: 5 }],
    });
  });

  it("shares one upstream call among concurrent identical requests", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    chartImpl = async () => (await gate, okChart());
    const all = Promise.all([get("?symbol=AAPL&timeframe=1D"), get("?symbol=AAPL&timeframe=daily&limit=10"), get("?symbol=aapl&timeframe=1D")]);
    release();
    expect((await all).map((r) => r.status)).toEqual([200, 200, 200]);
    expect(chartCalls).toEqual(["AAPL"]);
  });

  it("answers 404 unknown_symbol for a symbol Yahoo does not know", async () => {
    chartImpl = () => Promise.reject(new Error("No data found, symbol may be delisted"));
    expect(await errorOf(await get("?symbol=ZZZZZZ&timeframe=1D"))).toMatchObject({ status: 404, code: "unknown_symbol", error: "unknown symbol ZZZZZZ" });
  });

  it("answers 502 when Yahoo is unreachable", async () => {
    chartImpl = () => Promise.reject(Object.assign(new TypeError("fetch failed"), { cause: { code: "ENOTFOUND" } }));
    expect(await errorOf(await get("?symbol=TSLA&timeframe=1D"))).toMatchObject({ status: 502, code: "upstream_unavailable" });
  });

  it("answers 502 when Yahoo's answer is malformed", async () => {
    chartImpl = async () => ({ meta: {}, timestamp: "soon" });
    expect(await errorOf(await get("?symbol=TSLA&timeframe=1D"))).toMatchObject({ status: 502, code: "upstream_unavailable" });
  });

  it("answers 504 when Yahoo does not answer in time", async () => {
    chartImpl = () => new Promise(() => undefined);
    expect(await errorOf(await get("?symbol=TSLA&timeframe=1D"))).toMatchObject({ status: 504, code: "upstream_unavailable", error: "market data provider timed out after 100 ms" });
  });

  it("passes Yahoo's 429 on as 429 with retry-after", async () => {
    chartImpl = () => Promise.reject(Object.assign(new Error("Too Many Requests"), { name: "HTTPError", code: 429 }));
    const res = await get("?symbol=TSLA&timeframe=1D");
    expect(res.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await errorOf(res)).toMatchObject({ status: 429, code: "rate_limited" });
  });

  it("does not cache a failure", async () => {
    chartImpl = () => Promise.reject(Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED" } }));
    expect((await get("?symbol=TSLA&timeframe=1D")).status).toBe(502);
    chartImpl = async () => okChart();
    expect((await get("?symbol=TSLA&timeframe=1D")).status).toBe(200);
  });
});

describe("GET /api/market/candles (auto)", () => {
  beforeEach(() => setEnv({ MARKET_DATA_PROVIDER: "auto", MARKET_DATA_TIMEOUT_MS: "100" }));

  it("falls back to demo data with a note, and does not call the dead network again at once", async () => {
    chartImpl = () => Promise.reject(Object.assign(new TypeError("fetch failed"), { cause: { code: "ENOTFOUND" } }));
    const res = await get("?symbol=TSLA&timeframe=1D&limit=20");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("private, max-age=15");
    const body = await res.json();
    expect(body).toMatchObject({ source: "demo", note: "Live data unavailable (network unreachable); showing demo data" });
    expect(body.candles).toHaveLength(20);
    await get("?symbol=NVDA&timeframe=1h");
    expect(chartCalls).toEqual(["TSLA"]);
  });

  it("still answers 404 for a symbol the live source does not know", async () => {
    chartImpl = () => Promise.reject(new Error("No data found, symbol may be delisted"));
    expect((await get("?symbol=QQQQQQ&timeframe=1D")).status).toBe(404);
  });
});
