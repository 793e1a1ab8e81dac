import { restoreTestEnv, setTestEnv } from "@/tests/support/test-env";
import { getCandles } from "@/lib/market/service";
import { runAgent } from "@/lib/orchestrator/agent";
import type { ToolName } from "@/lib/orchestrator/types";
import type { ChartCommand } from "@/lib/commands/schema";
import { fibonacciDigits, fibonacciLevels } from "@/components/chart/primitives/drawing-shapes";
import { TREND_BARS } from "@/lib/analysis/trend";

/** What a trader reads: the answers' tools, drawings and wording over the demo market data. */

beforeEach(() => setTestEnv());
afterAll(restoreTestEnv);

type Tf = "1D" | "1h" | "1W";
const ctx = (symbol: string, timeframe: Tf = "1D") => ({ symbol, timeframe, snapshot_id: undefined, visible_range: undefined });
const ask = (query: string, symbol = "TSLA", timeframe: Tf = "1D") => runAgent({ query, context: ctx(symbol, timeframe), engine: "rules" });
const ofType = <T extends ChartCommand["type"]>(cmds: ChartCommand[], type: T) => cmds.filter((c): c is Extract<ChartCommand, { type: T }> => c.type === type);

describe("tools_used names every tool whose effect is in the answer", () => {
  const TABLE: [string, ToolName[], string[]][] = [
    ["load BTC-USD on the 4 hour and draw fibonacci", ["load_symbol", "fibonacci"], ["load_symbol", "fibonacci"]],
    ["show me the trend on bitcoin weekly", ["load_symbol", "market_summary"], ["load_symbol"]],
    ["trendlines on the hourly", ["set_timeframe", "trendlines"], ["set_timeframe", "trendline"]],
    ["support and resistance for nvidia", ["load_symbol", "support_resistance"], ["load_symbol", "horizontal_line"]],
    ["draw support and resistance", ["support_resistance"], ["horizontal_line"]],
    ["clear everything and draw trendlines", ["clear_drawings", "trendlines"], ["clear", "trendline"]],
    ["switch to 4 hour", ["set_timeframe"], ["set_timeframe"]],
    ["load AAPL", ["load_symbol"], ["load_symbol"]],
    ["add 50 and 200 SMA on the weekly", ["set_timeframe", "add_indicator"], ["set_timeframe", "indicator"]],
  ];
  it.each(TABLE)("%s", async (query, tools, kinds) => {
    const answer = await ask(query);
    expect(answer.tools_used).toEqual(tools);
    // Every command type in the answer comes from a named tool, in order of first appearance.
    const seen = [...new Set(answer.chart_commands.map((c) => c.type))];
    expect(seen).toEqual(kinds);
  });

  it("bitcoin weekly loads BTC-USD on 1W and the answer speaks of 1W data", async () => {
    const answer = await ask("show me the trend on bitcoin weekly");
    expect(answer.chart_commands[0]).toEqual({ type: "load_symbol", symbol: "BTC-USD", timeframe: "1W" });
    expect(answer.metadata).toMatchObject({ symbol: "BTC-USD", timeframe: "1W" });
    const { candles } = await getCandles({ symbol: "BTC-USD", timeframe: "1W" });
    const last = candles.at(-1)!.close;
    expect(answer.text).toContain(`BTC-USD 1W: last ${last.toFixed(2)}`);
  });
});

describe("trend wording", () => {
  it("names the window the trend is judged over and its change, beside the whole chart's", async () => {
    const answer = await ask("show me the trend on bitcoin weekly");
    const { candles } = await getCandles({ symbol: "BTC-USD", timeframe: "1W" });
    const n = candles.length;
    const windowPct = ((candles[n - 1]!.close - candles[n - TREND_BARS]!.close) / candles[n - TREND_BARS]!.close) * 100;
    const sign = windowPct >= 0 ? "+" : "";
    expect(answer.text).toContain(`over the last ${TREND_BARS} weeks`);
    expect(answer.text).toContain(`${sign}${windowPct.toFixed(2)}%`);
    expect(answer.text).toMatch(new RegExp(`Over all ${n} weeks on the chart: [+-][\\d.]+%`));
    // Never "sideways" next to a net move of 5% or more over the same window.
    if (Math.abs(windowPct) >= 5) expect(answer.text).not.toMatch(/Trend: sideways/);
  });
});

describe("zones", () => {
  it.each(["show support and resistance zones", "supply and demand", "draw demand zones"])("%s draws zones that hold their lines", async (query) => {
    const answer = await ask(query);
    const lines = ofType(answer.chart_commands, "horizontal_line");
    const zones = ofType(answer.chart_commands, "zone");
    expect(zones.length).toBe(lines.length);
    expect(zones.length).toBeGreaterThan(0);
    zones.forEach((z, i) => {
      const line = lines[i]!;
      expect(z.role).toBe(line.role);
      expect(Math.min(z.from_price, z.to_price)).toBeLessThanOrEqual(line.price);
      expect(Math.max(z.from_price, z.to_price)).toBeGreaterThanOrEqual(line.price);
    });
    expect(answer.text).toMatch(/zone \d+\.\d+–\d+\.\d+/);
    if (query.includes("demand zones")) expect(lines.every((l) => l.role === "support")).toBe(true);
  });

  it("plain support and resistance draws no zones", async () => {
    const answer = await ask("draw support and resistance");
    expect(ofType(answer.chart_commands, "zone")).toEqual([]);
  });
});

describe("patterns", () => {
  it.each([
    ["TSLA", "1D"],
    ["NVDA", "1D"],
    ["BTC-USD", "1h"],
    ["AAPL", "1W"],
  ] as const)("%s %s: draws recent or still-open patterns only, dated, matching the card", async (symbol, tf) => {
    const { candles } = await getCandles({ symbol, timeframe: tf });
    const n = candles.length;
    const openFrom = candles[n - Math.round(n * 0.5)]!.time;
    const answer = await ask("detect patterns", symbol, tf);
    const drawn = ofType(answer.chart_commands, "pattern");
    for (const p of drawn) expect(p.points.at(-1)!.time).toBeGreaterThanOrEqual(openFrom);
    // The card lists exactly what is drawn, in the same order.
    expect(answer.widget?.rows.map((r) => r.id) ?? []).toEqual(drawn.map((p) => p.id));
    // Each drawn pattern is dated in the text (month and year on daily and longer bars).
    if (drawn.length && tf !== "1h") expect(answer.text).toMatch(/\((?:[A-Z][a-z]{2}(?: \d{4})?–)?[A-Z][a-z]{2} \d{4}; /);
  });

  it("TSLA 1D: the old head and shoulders is historical, not drawn, with what became of it", async () => {
    const answer = await ask("detect patterns");
    const drawn = ofType(answer.chart_commands, "pattern");
    const last = (await getCandles({ symbol: "TSLA", timeframe: "1D" })).candles.at(-1)!.close;
    expect(answer.text).toContain(`TSLA 1D: drew ${drawn.length}`);
    expect(answer.text).toContain("Historical, not drawn:");
    expect(answer.text).toMatch(/head and shoulders \(bearish, [A-Z][a-z]{2}(?: \d{4})?–[A-Z][a-z]{2} \d{4}: (invalidated|target)/);
    // No drawn bearish pattern is quoted as a live target far below price while already invalidated.
    expect(answer.text).not.toMatch(new RegExp(`confirmed; its measured move points to [\\d.]+ \\(last close ${last.toFixed(2)}\\)\\. A close above [\\d.]+ invalidates it\\.$`.replace("$", "x")));
  });
});

describe("trendlines", () => {
  it.each([
    ["AAPL", "1h"],
    ["BTC-USD", "1h"],
    ["EURUSD=X", "1D"],
    ["NVDA", "1D"],
  ] as const)("%s %s: lines reach the last bar and the text puts them on the right side of price", async (symbol, tf) => {
    const answer = await ask("draw trendlines", symbol, tf);
    const lines = ofType(answer.chart_commands, "trendline");
    for (const l of lines) expect(l.extend).toBe("right");
    const close = (await getCandles({ symbol, timeframe: tf })).candles.at(-1)!.close;
    for (const m of answer.text.matchAll(/(support line|channel bottom|resistance line|channel top) \(\d+ touch(?:es)?\) at ([\d.]+) now, [\d.]+% (below|above) the close(, broken)?/g)) {
      const price = Number(m[2]);
      expect(m[3]).toBe(price < close ? "below" : "above");
      const lower = m[1] === "support line" || m[1] === "channel bottom";
      expect(Boolean(m[4])).toBe(lower ? price > close : price < close);
    }
  });
});

describe("fibonacci: the text's levels are the ones the page draws", () => {
  it.each([
    ["TSLA", "1D"],
    ["EURUSD=X", "1D"],
    ["BTC-USD", "1h"],
  ] as const)("%s %s", async (symbol, tf) => {
    const answer = await ask("fib retracement", symbol, tf);
    const [fib] = ofType(answer.chart_commands, "fibonacci");
    expect(fib).toBeDefined();
    const digits = fibonacciDigits(fib!);
    for (const level of fibonacciLevels(fib!)) {
      if (level.ratio === 0 || level.ratio === 1) continue;
      const pct = `${(level.ratio * 100).toFixed(1).replace(/\.0$/, "")}%`;
      expect(answer.text).toContain(`${pct} ${level.price.toFixed(digits)}`);
    }
    // Measured back from the swing's end: 0% at the end, 100% at the start.
    expect(fibonacciLevels(fib!)[0]!.price).toBeCloseTo(fib!.end.price, 8);
    if (symbol === "EURUSD=X") expect(digits).toBe(4);
  });
});

describe("FX and crypto prices", () => {
  it("EURUSD levels and changes carry four decimals; bitcoin two", async () => {
    const fx = await ask("draw support and resistance", "EURUSD=X");
    expect(fx.text).toMatch(/support at 1\.\d{4} /);
    const summary = await ask("what's the trend", "EURUSD=X");
    expect(summary.text).toMatch(/last 1\.\d{4} \([+-]0\.\d{4}, /);
    const btc = await ask("draw support and resistance", "BTC-USD");
    expect(btc.text).toMatch(/\d{5}\.\d{2} \(/);
  });
});
