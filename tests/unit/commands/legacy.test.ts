import { ChartCommandSchema } from "@/lib/commands/schema";
import { indicatorId, normalizeLegacy, type LegacyContext } from "@/lib/commands/legacy";

const ctx: LegacyContext = { visibleRange: { from: 1_700_000_000, to: 1_710_000_000 }, lastClose: 250 };

function command(s: string, c = ctx) {
  const r = normalizeLegacy(s, c);
  expect(r.warning).toBeUndefined();
  // Whatever the parser builds must pass the contract's own schema.
  const parsed = ChartCommandSchema.safeParse(r.command);
  expect(parsed.success).toBe(true);
  return r.command;
}

describe("normalizeLegacy", () => {
  it("LOAD: upper-cases, trims and drops a leading $", () => {
    expect(command("LOAD:tsla")).toEqual({ type: "load_symbol", symbol: "TSLA" });
    expect(command("  load: $nvda ")).toEqual({ type: "load_symbol", symbol: "NVDA" });
    expect(command("Load:BRK.B")).toEqual({ type: "load_symbol", symbol: "BRK.B" });
  });

  it("TIMEFRAME: canonical names and aliases; range values are dropped", () => {
    expect(command("TIMEFRAME:1h")).toEqual({ type: "set_timeframe", timeframe: "1h" });
    expect(command("timeframe:daily")).toEqual({ type: "set_timeframe", timeframe: "1D" });
    expect(command("TIMEFRAME:60min")).toEqual({ type: "set_timeframe", timeframe: "1h" });
    for (const range of ["5D", "1Y", "YTD", "6M", ""]) {
      const r = normalizeLegacy(`TIMEFRAME:${range}`, ctx);
      expect(r.command).toBeUndefined();
      expect(r.warning).toMatch(/TIMEFRAME/);
    }
  });

  it("SUPPORT / RESISTANCE with and without a quoted label", () => {
    expect(command("SUPPORT:212.40")).toEqual({
      type: "horizontal_line",
      id: "legacy-support-212.40",
      price: 212.4,
      role: "support",
      label: "Support 212.40",
    });
    expect(command('resistance:251.9 "Weekly high"')).toEqual({
      type: "horizontal_line",
      id: "legacy-resistance-251.9",
      price: 251.9,
      role: "resistance",
      label: "Weekly high",
    });
    for (const bad of ["SUPPORT:", "SUPPORT:abc", "SUPPORT:-5", "SUPPORT:0", "RESISTANCE:1e3", 'SUPPORT:10 "unclosed']) {
      expect(normalizeLegacy(bad, ctx).command).toBeUndefined();
    }
  });

  it("TRENDLINE takes its role from the side of price, ordering points by time", () => {
    const below = command("TRENDLINE:1700000000:200:1705000000:240") as { role: string; id: string };
    expect(below.role).toBe("support");
    expect(below.id).toBe("legacy-trendline-1700000000-1705000000");
    const above = command("TRENDLINE:1700000000:300:1705000000:280") as { role: string };
    expect(above.role).toBe("resistance");
    const reversed = command("TRENDLINE:1705000000:240:1700000000:200") as { start: { time: number; price: number } };
    expect(reversed.start).toEqual({ time: 1700000000, price: 200 });
    // Without a last close, an up-slope is support and a down-slope resistance.
    expect((command("TRENDLINE:1:300:2:280", {}) as { role: string }).role).toBe("resistance");
    expect((command("TRENDLINE:1:280:2:300", {}) as { role: string }).role).toBe("support");
  });

  it("TRENDLINE without times, or with bad numbers, is dropped", () => {
    for (const bad of ["TRENDLINE:200:240", "TRENDLINE:a:1:b:2", "TRENDLINE:1:-1:2:2", "TRENDLINE:1.5:1:2:2", "TRENDLINE:1:2:3:4:5"]) {
      const r = normalizeLegacy(bad, ctx);
      expect(r.command).toBeUndefined();
      expect(r.warning).toContain("ignored legacy command");
    }
  });

  it("FIBONACCI spans the visible range and needs one", () => {
    expect(command("FIBONACCI:180:260")).toEqual({
      type: "fibonacci",
      id: "legacy-fibonacci-180-260",
      start: { time: 1_700_000_000, price: 180 },
      end: { time: 1_710_000_000, price: 260 },
    });
    expect((command("FIBONACCI:260:180") as { start: { price: number } }).start.price).toBe(180);
    expect(normalizeLegacy("FIBONACCI:180:260", {}).warning).toMatch(/visible range/);
    expect(normalizeLegacy("FIBONACCI:180", ctx).command).toBeUndefined();
  });

  it("INDICATOR with period, ON, OFF, defaults and aliases", () => {
    expect(command("INDICATOR:SMA:50")).toEqual({ type: "indicator", id: "ind-sma-50", name: "sma", params: { period: 50 } });
    expect(command("indicator:rsi")).toEqual({ type: "indicator", id: "ind-rsi-14", name: "rsi", params: { period: 14 } });
    expect(command("INDICATOR:MACD:ON")).toEqual({
      type: "indicator",
      id: "ind-macd-12-26-9",
      name: "macd",
      params: { fast: 12, slow: 26, signal: 9 },
    });
    expect(command("INDICATOR:BB:30")).toMatchObject({ id: "ind-bollinger-30-2", params: { period: 30, stddev: 2 } });
    expect(command("INDICATOR:VWAP")).toEqual({ type: "indicator", id: "ind-vwap", name: "vwap", params: {} });
    expect(command("INDICATOR:RSI:OFF")).toEqual({ type: "remove", id: "ind-rsi-14" });
    for (const bad of ["INDICATOR:ICHIMOKU", "INDICATOR:", "INDICATOR:MACD:20", "INDICATOR:SMA:0", "INDICATOR:SMA:abc", "INDICATOR:SMA:20:ON"]) {
      expect(normalizeLegacy(bad, ctx).command).toBeUndefined();
    }
  });

  it("CLEAR and CLEAR:ALL clear everything", () => {
    expect(command("CLEAR")).toEqual({ type: "clear", scope: "all" });
    expect(command("clear:all")).toEqual({ type: "clear", scope: "all" });
    expect(command("CLEAR:indicators")).toEqual({ type: "clear", scope: "indicators" });
    expect(normalizeLegacy("CLEAR:everything", ctx).command).toBeUndefined();
  });

  it("anything else is dropped with a warning, never thrown", () => {
    for (const bad of ["", "   ", "HELLO", "DRAW:SUPPORT", ":::", "LOAD:", "LOAD:not a symbol"]) {
      const r = normalizeLegacy(bad, ctx);
      expect(r.command).toBeUndefined();
      expect(r.warning).toMatch(/^ignored legacy command/);
    }
  });

  it("indicatorId names every parameter in order", () => {
    expect(indicatorId("sma", { period: 200 })).toBe("ind-sma-200");
    expect(indicatorId("bollinger", { period: 20, stddev: 2.5 })).toBe("ind-bollinger-20-2.5");
    expect(indicatorId("vwap", {})).toBe("ind-vwap");
  });
});
