import { restoreTestEnv, setTestEnv } from "@/tests/support/test-env";
import { getCandles } from "@/lib/market/service";
import { runAgent } from "@/lib/orchestrator/agent";
import type { AgentEvent } from "@/lib/orchestrator/types";
import { ChartCommandListSchema } from "@/lib/commands/schema";

/** The rules engine end to end over the demo market data: what a trader sees. */

beforeEach(() => setTestEnv());
afterAll(restoreTestEnv);

const ctx = (symbol: string, timeframe: "1D" | "1h" | "4h" | "1W" = "1D", visible_range?: { from: number; to: number }) => ({
  symbol,
  timeframe,
  snapshot_id: undefined,
  visible_range,
});

async function lastClose(symbol: string, timeframe: "1D" = "1D"): Promise<number> {
  const { candles } = await getCandles({ symbol, timeframe });
  return candles.at(-1)!.close;
}

describe("rules engine answers", () => {
  it("names the chart that is loaded", async () => {
    const answer = await runAgent({ query: "what chart is loaded?", context: ctx("TSLA") });
    expect(answer.text).toContain("You're viewing TSLA on the 1D timeframe");
    expect(answer.chart_commands).toEqual([]);
    expect(answer.tools_used).toEqual(["get_chart_context"]);
    expect(answer.metadata).toMatchObject({ symbol: "TSLA", timeframe: "1D", engine: "rules" });
    expect(answer.chart_intent).toBe(true);
  });

  it("draws support below and resistance above the last close", async () => {
    const close = await lastClose("TSLA");
    const answer = await runAgent({ query: "draw support and resistance", context: ctx("TSLA") });
    const lines = answer.chart_commands.filter((c) => c.type === "horizontal_line");
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) {
      if (l.type !== "horizontal_line") continue;
      if (l.role === "support") {
        expect(l.price).toBeLessThan(close);
        expect(l.label).toMatch(/^Support /);
      } else {
        expect(l.role).toBe("resistance");
        expect(l.price).toBeGreaterThan(close);
        expect(l.label).toMatch(/^Resistance /);
      }
    }
    expect(answer.text).toMatch(/^TSLA 1D: support at \d/);
    expect(answer.text).toMatch(/touch/);
    expect(answer.tools_used).toEqual(["support_resistance"]);
    expect(answer.metadata).toMatchObject({ data_source: "demo", candles: { count: 500 } });
    expect(answer.metadata.candles.from).toBeLessThan(answer.metadata.candles.to!);
    // The card lists the drawn levels by their drawing ids.
    expect(answer.widget?.kind).toBe("levels");
    expect(answer.widget!.rows.map((r) => r.id).sort()).toEqual(lines.map((l) => ("id" in l ? l.id : "")).sort());
    expect(answer.widget!.rows[0]!.detail).toMatch(/^\d+ touch(es)? · strength \d\.\d\d · last \d{4}-\d\d-\d\d$/);
    expect(ChartCommandListSchema.safeParse(answer.chart_commands).success).toBe(true);
  });

  it("draws only support when asked for support", async () => {
    const answer = await runAgent({ query: "where is support?", context: ctx("AAPL") });
    const roles = new Set(answer.chart_commands.filter((c) => c.type === "horizontal_line" || c.type === "zone").map((c) => ("role" in c ? c.role : "")));
    expect([...roles]).toEqual(["support"]);
    expect(answer.text).not.toMatch(/resistance at/);
  });

  it("uses the pattern tool for NVDA", async () => {
    const answer = await runAgent({ query: "detect patterns", context: ctx("NVDA") });
    expect(answer.tools_used).toEqual(["detect_patterns"]);
    expect(answer.text).toMatch(/^NVDA 1D: /);
    for (const c of answer.chart_commands) expect(c.type).toBe("pattern");
  });

  it("gives the same ids for the same question on the same data", async () => {
    const a = await runAgent({ query: "draw support and resistance", context: ctx("MSFT") });
    const b = await runAgent({ query: "draw support and resistance", context: ctx("MSFT") });
    expect(b.chart_commands).toEqual(a.chart_commands);
  });

  it("loads another symbol first and draws on it", async () => {
    const answer = await runAgent({ query: "trendlines on $NVDA weekly", context: ctx("TSLA") });
    expect(answer.chart_commands[0]).toEqual({ type: "load_symbol", symbol: "NVDA", timeframe: "1W" });
    expect(answer.metadata).toMatchObject({ symbol: "NVDA", timeframe: "1W" });
    expect(answer.text).toMatch(/^NVDA 1W: /);
  });

  it("switches the timeframe before drawing on another timeframe", async () => {
    const answer = await runAgent({ query: "support and resistance on the 4 hour", context: ctx("TSLA") });
    expect(answer.chart_commands[0]).toEqual({ type: "set_timeframe", timeframe: "4h" });
    expect(answer.metadata.timeframe).toBe("4h");
  });

  it("adds one indicator command per line", async () => {
    const answer = await runAgent({ query: "add the 50 and 200 day moving average", context: ctx("TSLA") });
    expect(answer.chart_commands).toEqual([
      { type: "indicator", id: "ind-sma-50", name: "sma", params: { period: 50 } },
      { type: "indicator", id: "ind-sma-200", name: "sma", params: { period: 200 } },
    ]);
    expect(answer.text).toMatch(/SMA\(50\) \d+\.\d\d, price (above|below)/);
  });

  it("clears with a scope", async () => {
    const answer = await runAgent({ query: "remove all indicators", context: ctx("TSLA") });
    expect(answer.chart_commands).toEqual([{ type: "clear", scope: "indicators" }]);
    expect(answer.tools_used).toEqual(["clear_drawings"]);
  });

  it("reads only the visible range", async () => {
    const { candles } = await getCandles({ symbol: "TSLA", timeframe: "1D" });
    const from = candles[300]!.time;
    const to = candles[399]!.time;
    const answer = await runAgent({ query: "draw support and resistance", context: ctx("TSLA", "1D", { from, to }) });
    expect(answer.metadata.candles).toEqual({ count: 100, from, to });
  });

  it("reports an indicator's latest value from the whole series, even when fewer bars are on screen", async () => {
    const { candles } = await getCandles({ symbol: "TSLA", timeframe: "1D" });
    const from = candles[400]!.time;
    const to = candles[499]!.time;
    const answer = await runAgent({ query: "add the 200-day SMA", context: ctx("TSLA", "1D", { from, to }) });
    const closes = candles.slice(-200).map((c) => c.close);
    const expected = closes.reduce((a, b) => a + b, 0) / 200;
    expect(answer.text).not.toMatch(/n\/a/);
    expect(answer.text).toContain(expected.toFixed(2));
  });

  it("asks which symbol when there is no chart and no ticker", async () => {
    const answer = await runAgent({ query: "draw support and resistance", context: null });
    expect(answer.text).toMatch(/symbol/);
    expect(answer.chart_commands).toEqual([]);
    expect(answer.chart_intent).toBe(true);
    expect(answer.metadata.symbol).toBeNull();
  });

  it("needs no context to load a symbol", async () => {
    const answer = await runAgent({ query: "load AAPL", context: null });
    expect(answer.chart_commands).toEqual([{ type: "load_symbol", symbol: "AAPL" }]);
    expect(answer.text).toContain("AAPL");
  });

  it("with a ticker, analyses without context and loads that chart first", async () => {
    const answer = await runAgent({ query: "support for $AMD", context: null });
    expect(answer.chart_commands[0]).toEqual({ type: "load_symbol", symbol: "AMD", timeframe: "1D" });
    // The chart switch is load_symbol's effect, so the tool is named with the analysis.
    expect(answer.tools_used).toEqual(["load_symbol", "support_resistance"]);
  });

  it("answers small talk briefly with no commands", async () => {
    const answer = await runAgent({ query: "what's the weather tomorrow?", context: ctx("TSLA") });
    expect(answer.chart_intent).toBe(false);
    expect(answer.chart_commands).toEqual([]);
    expect(answer.tools_used).toEqual([]);
    expect(answer.text.length).toBeGreaterThan(10);
    expect(answer.metadata.symbol).toBeNull();
  });

  it("summarises the market with price, change and trend", async () => {
    const answer = await runAgent({ query: "how is bitcoin doing?", context: ctx("TSLA") });
    expect(answer.tools_used).toEqual(["load_symbol", "market_summary"]);
    expect(answer.text).toMatch(/^BTC-USD 1D: last [\d.]+ \([+-][\d.]+, [+-][\d.]+% on the (day|last bar)\)\. Trend: .* over the last 100 daily bars \([+-][\d.]+%/);
  });

  it("streams progress, commands and the text in that order", async () => {
    const events: AgentEvent[] = [];
    const answer = await runAgent({ query: "draw support and resistance", context: ctx("TSLA"), onEvent: (e) => events.push(e) });
    const progress = events.find((e) => e.type === "progress");
    expect(progress).toEqual({ type: "progress", tool: "support_resistance", text: "Finding support and resistance on TSLA 1D" });
    const kinds = events.map((e) => e.type);
    expect(kinds.indexOf("progress")).toBeLessThan(kinds.indexOf("commands"));
    expect(kinds.lastIndexOf("commands")).toBeLessThan(kinds.indexOf("text_delta"));
    const deltas = events.flatMap((e) => (e.type === "text_delta" ? [e.delta] : []));
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join("")).toBe(answer.text);
  });

  it("stops when aborted", async () => {
    const ac = new AbortController();
    ac.abort(new Error("gone"));
    await expect(runAgent({ query: "draw support and resistance", context: ctx("TSLA"), signal: ac.signal })).rejects.toThrow("gone");
  });
});
