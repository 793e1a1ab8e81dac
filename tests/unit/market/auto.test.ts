import { AutoSource } from "@/lib/market/auto";
import { DemoProvider } from "@/lib/market/demo/provider";
import { UnknownSymbolError, UpstreamError, type MarketDataProvider } from "@/lib/market/types";

process.env.LOG_SILENT = "1";

function liveProvider(behaviour: () => Promise<never> | Promise<void>): MarketDataProvider & { calls: number } {
  const p = {
    name: "yahoo" as const,
    calls: 0,
    async candles() {
      p.calls++;
      await behaviour();
      return [{ time: 1, open: 1, high: 1, low: 1, close: 1, volume: 0 }];
    },
    async quote(symbol: string) {
      p.calls++;
      await behaviour();
      return { symbol, price: 1, change: 0, changePercent: 0, time: 1, source: "yahoo" as const };
    },
  };
  return p;
}

describe("auto market data", () => {
  let now = Date.parse("2026-11-24T15:00:00Z");
  const clock = () => now;
  const fallback = new DemoProvider({ now: clock });

  it("serves live data when they come", async () => {
    const auto = new AutoSource({ live: liveProvider(async () => undefined), fallback, now: clock });
    const res = await auto.candles("TSLA", "1D", 10);
    expect(res.source).toBe("yahoo");
    expect(res.note).toBeUndefined();
  });

  it("falls back to demo data with the reason in words, and leaves the dead network alone for the cool-down", async () => {
    const live = liveProvider(() => Promise.reject(new UpstreamError("network unreachable", "unavailable")));
    const auto = new AutoSource({ live, fallback, now: clock, coolDownMs: 60_000 });
    const first = await auto.candles("TSLA", "1D", 50);
    expect(first.source).toBe("demo");
    expect(first.note).toBe("Live data unavailable (network unreachable); showing demo data");
    expect(first.candles).toEqual(await fallback.candles("TSLA", "1D", 50));
    now += 30_000;
    const second = await auto.candles("NVDA", "1h", 50);
    expect(second).toMatchObject({ source: "demo", note: "Live data unavailable (network unreachable); showing demo data" });
    const quote = await auto.quote("NVDA");
    expect(quote).toMatchObject({ source: "demo", note: "Live data unavailable (network unreachable); showing demo data" });
    expect(live.calls).toBe(1);
    now += 31_000;
    await auto.candles("NVDA", "1h", 50);
    expect(live.calls).toBe(2);
  });

  it("names a timeout as the reason", async () => {
    const auto = new AutoSource({ live: liveProvider(() => Promise.reject(new UpstreamError("timed out after 5000 ms", "timeout"))), fallback, now: clock });
    expect((await auto.candles("TSLA", "1D", 5)).note).toBe("Live data unavailable (timed out after 5000 ms); showing demo data");
  });

  it("passes an unknown symbol through: the live source answered", async () => {
    const auto = new AutoSource({ live: liveProvider(() => Promise.reject(new UnknownSymbolError("NOPE"))), fallback, now: clock });
    await expect(auto.candles("NOPE", "1D", 5)).rejects.toBeInstanceOf(UnknownSymbolError);
  });
});
