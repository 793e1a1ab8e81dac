import { ChartContextSchema, normalizeSymbol, normalizeTimeframe, TIMEFRAMES } from "@/lib/market/values";

describe("timeframes", () => {
  it.each([
    ["1min", "1m"], ["5min", "5m"], ["15min", "15m"], ["30min", "30m"], ["60m", "1h"], ["60min", "1h"], ["1hr", "1h"], ["1H", "1h"],
    ["hourly", "1h"], ["4hr", "4h"], ["4H", "4h"], ["240m", "4h"], ["1d", "1D"], ["d", "1D"], ["D", "1D"], ["day", "1D"], ["daily", "1D"],
    ["1w", "1W"], ["w", "1W"], ["W", "1W"], ["week", "1W"], ["weekly", "1W"], ["1mo", "1M"], ["mo", "1M"], ["month", "1M"], ["monthly", "1M"],
  ])("alias %s is %s", (alias, canonical) => {
    expect(normalizeTimeframe(alias)).toBe(canonical);
  });

  it("keeps canonical names and rejects everything else", () => {
    for (const tf of TIMEFRAMES) expect(normalizeTimeframe(tf)).toBe(tf);
    for (const bad of ["2h", "5D", "1Y", "YTD", "", "minute"]) expect(normalizeTimeframe(bad)).toBeNull();
  });
});

describe("symbols", () => {
  it("trims and upper-cases valid tickers", () => {
    expect(normalizeSymbol(" tsla ")).toBe("TSLA");
    for (const s of ["BRK.B", "^GSPC", "BTC-USD", "EURUSD=X"]) expect(normalizeSymbol(s)).toBe(s);
  });

  it("rejects malformed symbols", () => {
    for (const s of ["", "$TSLA", "TOOLONGSYMBOLNAME1", "-ABC", "A B", "^"]) expect(normalizeSymbol(s)).toBeNull();
  });
});

describe("ChartContext", () => {
  it("treats null optional fields as absent and normalises values", () => {
    const r = ChartContextSchema.parse({ symbol: "nvda", timeframe: "hourly", snapshot_id: null, visible_range: null });
    expect(r).toEqual({ symbol: "NVDA", timeframe: "1h", snapshot_id: undefined, visible_range: undefined });
  });

  it("rejects a visible range whose from is after to", () => {
    expect(ChartContextSchema.safeParse({ symbol: "TSLA", timeframe: "1D", visible_range: { from: 10, to: 5 } }).success).toBe(false);
  });
});
