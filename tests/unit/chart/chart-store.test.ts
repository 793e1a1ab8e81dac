import { createChartStore } from "@/components/chart/chart-store";
import { parseStoredDrawings } from "@/components/chart/drawings-storage";
import type { Candle } from "@/lib/market/types";

const candles = (n: number, start = 1_700_000_000): Candle[] =>
  Array.from({ length: n }, (_, i) => ({ time: start + i * 86_400, open: 100 + i, high: 102 + i, low: 99 + i, close: 101 + i, volume: 1000 }));

const line = (id: string, price = 100) => ({ type: "horizontal_line", id, price, role: "support", label: `Support ${price}` });

describe("chart store", () => {
  it("applies commands for the chart on screen and reports per element", () => {
    const store = createChartStore({ symbol: "TSLA", timeframe: "1D" });
    const result = store.getState().applyCommands([line("a"), { type: "remove", id: "zzz" }]);
    expect(result).toEqual({ applied: ["a"], rejected: [{ index: 1, error: expect.stringContaining("zzz") }] });
    expect(store.getState().drawingsSummary()).toEqual([{ id: "a", type: "horizontal_line", label: "Support 100" }]);
  });

  it("drawings come back when the user returns to their chart", () => {
    const store = createChartStore({ symbol: "TSLA", timeframe: "1D" });
    const s = () => store.getState();
    s().applyCommands([line("a")]);
    expect(s().setSymbol("nvda")).toBe(true);
    expect(s().drawingsSummary()).toEqual([]);
    expect(s().setTimeframe("hourly")).toBe(true);
    expect([s().symbol, s().timeframe]).toEqual(["NVDA", "1h"]);
    s().setSymbol("TSLA");
    s().setTimeframe("1D");
    expect(s().drawingsSummary().map((d) => d.id)).toEqual(["a"]);
  });

  it("rejects invalid symbols and timeframes without changing the chart", () => {
    const store = createChartStore({ symbol: "TSLA", timeframe: "1D" });
    expect(store.getState().setSymbol("not a ticker")).toBe(false);
    expect(store.getState().setTimeframe("5D")).toBe(false);
    expect(store.getState().chartContext()).toMatchObject({ symbol: "TSLA", timeframe: "1D" });
  });

  it("load_symbol in a batch switches the chart and starts loading it", () => {
    const store = createChartStore({ symbol: "TSLA", timeframe: "1D" });
    store.getState().setCandleState({ status: "ready", key: "TSLA|1D", candles: candles(10), source: "demo" });
    const result = store.getState().applyCommands([{ type: "load_symbol", symbol: "AAPL", timeframe: "1h" }, line("b")]);
    expect(result.applied).toEqual(["load_symbol:AAPL", "b"]);
    const s = store.getState();
    expect([s.symbol, s.timeframe, s.data.status, s.data.key]).toEqual(["AAPL", "1h", "loading", "AAPL|1h"]);
    expect(s.drawingsSummary().map((d) => d.id)).toEqual(["b"]);
  });

  it("the snapshot id changes with the data and the visible range, and only then", () => {
    const store = createChartStore({ symbol: "TSLA", timeframe: "1D" });
    const ids = new Set([store.getState().snapshotId]);
    store.getState().setCandleState({ status: "ready", key: "TSLA|1D", candles: candles(10), source: "demo" });
    ids.add(store.getState().snapshotId);
    store.getState().setVisibleRange({ from: 1_700_000_000, to: 1_700_500_000 });
    ids.add(store.getState().snapshotId);
    const before = store.getState().snapshotId;
    store.getState().applyCommands([line("a")]);
    store.getState().setVisibleRange({ from: 1_700_000_000, to: 1_700_500_000 });
    expect(store.getState().snapshotId).toBe(before);
    store.getState().setCandleState({ status: "ready", key: "TSLA|1D", candles: candles(11), source: "demo" });
    ids.add(store.getState().snapshotId);
    expect(ids.size).toBe(4);
    expect(store.getState().chartContext()).toEqual({
      symbol: "TSLA",
      timeframe: "1D",
      snapshot_id: store.getState().snapshotId,
      visible_range: { from: 1_700_000_000, to: 1_700_500_000 },
    });
  });

  it("ignores candles that arrive for a chart no longer on screen", () => {
    const store = createChartStore({ symbol: "TSLA", timeframe: "1D" });
    store.getState().setSymbol("NVDA");
    store.getState().setCandleState({ status: "ready", key: "TSLA|1D", candles: candles(5), source: "demo" });
    expect(store.getState().data).toMatchObject({ status: "loading", key: "NVDA|1D" });
  });

  it("legacy FIBONACCI uses the visible range and TRENDLINE the last close", () => {
    const store = createChartStore({ symbol: "TSLA", timeframe: "1D" });
    store.getState().setCandleState({ status: "ready", key: "TSLA|1D", candles: candles(10), source: "demo" });
    store.getState().setVisibleRange({ from: 1_700_000_000, to: 1_700_600_000 });
    const result = store.getState().applyCommands(["FIBONACCI:100:110", "TRENDLINE:1700000000:120:1700500000:130"]);
    expect(result.rejected).toEqual([]);
    const summary = store.getState().drawingsSummary();
    expect(summary.map((d) => d.label)).toEqual(["Fibonacci retracement", "Resistance trendline"]);
  });

  it("restored drawings merge under those applied before the restore", () => {
    const store = createChartStore({ symbol: "TSLA", timeframe: "1D" });
    store.getState().applyCommands([line("a", 120)]);
    store.getState().restoreDrawings(parseStoredDrawings(JSON.stringify({ "TSLA|1D": { a: line("a", 90), b: line("b", 95) } })));
    const byId = Object.fromEntries(store.getState().drawingsSummary().map((d) => [d.id, d.label]));
    expect(byId).toEqual({ a: "Support 120", b: "Support 95" });
  });
});

describe("stored drawings", () => {
  it("keeps only valid charts and drawings whose id matches their key", () => {
    const raw = JSON.stringify({
      "TSLA|1D": { a: line("a"), b: line("other"), c: { type: "horizontal_line", id: "c", price: -1 } },
      "bad key": { a: line("a") },
      "NVDA|5D": { a: line("a") },
      "NVDA|1h": { r: { type: "remove", id: "r" } },
    });
    expect(parseStoredDrawings(raw)).toEqual({ "TSLA|1D": { a: expect.objectContaining({ id: "a", price: 100 }) } });
  });

  it("survives garbage", () => {
    for (const raw of [null, "", "{", "[]", "42", JSON.stringify({ "TSLA|1D": [1, 2] })]) expect(parseStoredDrawings(raw)).toEqual({});
  });
});
