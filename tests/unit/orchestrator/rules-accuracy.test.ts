import { parseMessage } from "@/lib/orchestrator/rules/intents";
import { planCalls, type RulesPlan } from "@/lib/orchestrator/rules/plan";
import type { ToolName } from "@/lib/orchestrator/types";

/**
 * The rules engine's accuracy table: each phrasing with the tools it must call and the
 * arguments that matter. The chart on screen is TSLA 1D unless a row says `noContext`.
 * The table must stay at 100%.
 */
type Expect =
  | { calls: [ToolName, Record<string, unknown>?][] }
  | { ask: true }
  | { notChart: true; smallTalk?: "greeting" | "thanks" | "help" | "farewell" | null };

interface Row {
  q: string;
  noContext?: boolean;
  expect: Expect;
}

const TSLA = { symbol: "TSLA", timeframe: "1D" };
const sma = (period: number) => ({ name: "sma", period });
const ema = (period: number) => ({ name: "ema", period });

const ROWS: Row[] = [
  // Levels
  { q: "draw support and resistance", expect: { calls: [["support_resistance", { ...TSLA, role: "both" }]] } },
  { q: "Draw Support & Resistance!!", expect: { calls: [["support_resistance", { ...TSLA, role: "both" }]] } },
  { q: "key levels?", expect: { calls: [["support_resistance", { role: "both" }]] } },
  { q: "what levels should I watch", expect: { calls: [["support_resistance", { role: "both" }]] } },
  { q: "s/r please", expect: { calls: [["support_resistance", { role: "both" }]] } },
  { q: "where is support", expect: { calls: [["support_resistance", { role: "support" }]] } },
  { q: "show me support on AAPL", expect: { calls: [["support_resistance", { symbol: "AAPL", timeframe: "1D", role: "support" }]] } },
  { q: "resistance levels for nvidia", expect: { calls: [["support_resistance", { symbol: "NVDA", role: "resistance" }]] } },
  { q: "where's resistance?", expect: { calls: [["support_resistance", { role: "resistance" }]] } },
  { q: "Where is resistance for $ON?", expect: { calls: [["support_resistance", { symbol: "ON", role: "resistance" }]] } },
  { q: "DRAW SUPPORT ON TSLA", expect: { calls: [["support_resistance", { symbol: "TSLA", role: "support" }]] } },
  { q: "tsla support and resistance on the 4 hour", expect: { calls: [["support_resistance", { symbol: "TSLA", timeframe: "4h", role: "both" }]] } },
  { q: "S&P 500 daily levels", expect: { calls: [["support_resistance", { symbol: "^GSPC", timeframe: "1D" }]] } },
  { q: "weekly support for bitcoin", expect: { calls: [["support_resistance", { symbol: "BTC-USD", timeframe: "1W", role: "support" }]] } },
  { q: "I want ALL levels", expect: { calls: [["support_resistance", { symbol: "TSLA", role: "both" }]] } },
  { q: "support and resistance for BRK.B", expect: { calls: [["support_resistance", { symbol: "BRK.B" }]] } },
  { q: "where are the floors and ceilings", expect: { calls: [["support_resistance", { role: "both" }]] } },
  { q: "draw support and resistance", noContext: true, expect: { ask: true } },
  { q: "show support and resistance zones", expect: { calls: [["support_resistance", { ...TSLA, role: "both", zones: true }]] } },
  { q: "draw demand zones", expect: { calls: [["support_resistance", { role: "support", zones: true }]] } },
  { q: "supply zones on NVDA", expect: { calls: [["support_resistance", { symbol: "NVDA", role: "resistance", zones: true }]] } },
  { q: "supply and demand", expect: { calls: [["support_resistance", { role: "both", zones: true }]] } },
  { q: "supply and demand zones on the 4h", expect: { calls: [["support_resistance", { timeframe: "4h", role: "both", zones: true }]] } },
  { q: "show me the zones", expect: { calls: [["support_resistance", { role: "both", zones: true }]] } },
  { q: "support area for bitcoin", expect: { calls: [["support_resistance", { symbol: "BTC-USD", role: "support", zones: true }]] } },
  { q: "support levels on $msft", noContext: true, expect: { calls: [["support_resistance", { symbol: "MSFT", timeframe: "1D" }]] } },
  // Trendlines
  { q: "draw trendlines", expect: { calls: [["trendlines", TSLA]] } },
  { q: "trend lines on the hourly", expect: { calls: [["trendlines", { symbol: "TSLA", timeframe: "1h" }]] } },
  { q: "Trendline please for ETH", expect: { calls: [["trendlines", { symbol: "ETH-USD" }]] } },
  { q: "draw support trendlines", expect: { calls: [["trendlines", TSLA]] } },
  { q: "trendlines and support levels", expect: { calls: [["support_resistance", { role: "support" }], ["trendlines"]] } },
  // Patterns
  { q: "detect patterns", expect: { calls: [["detect_patterns", TSLA]] } },
  { q: "Any chart patterns on NVDA?", expect: { calls: [["detect_patterns", { symbol: "NVDA" }]] } },
  { q: "any head and shoulders?", expect: { calls: [["detect_patterns", { names: ["head_and_shoulders"] }]] } },
  { q: "inverse head and shoulders on spy", expect: { calls: [["detect_patterns", { symbol: "SPY", names: ["inverse_head_and_shoulders"] }]] } },
  { q: "is there a double top", expect: { calls: [["detect_patterns", { names: ["double_top"] }]] } },
  { q: "double bottoms on the weekly", expect: { calls: [["detect_patterns", { timeframe: "1W", names: ["double_bottom"] }]] } },
  { q: "find triangles", expect: { calls: [["detect_patterns", { names: ["ascending_triangle", "descending_triangle", "symmetrical_triangle"] }]] } },
  { q: "ascending triangle?", expect: { calls: [["detect_patterns", { names: ["ascending_triangle"] }]] } },
  { q: "look for a bull flag", expect: { calls: [["detect_patterns", { names: ["bull_flag"] }]] } },
  { q: "rising wedge or falling wedge on AMD", expect: { calls: [["detect_patterns", { symbol: "AMD", names: ["rising_wedge", "falling_wedge"] }]] } },
  { q: "is it in a channel", expect: { calls: [["detect_patterns", { names: ["ascending_channel", "descending_channel", "horizontal_channel"] }]] } },
  { q: "detect patterns", noContext: true, expect: { ask: true } },
  // Candlesticks
  { q: "candlestick patterns", expect: { calls: [["candlestick_patterns", TSLA]] } },
  { q: "find doji patterns", expect: { calls: [["candlestick_patterns", { names: ["doji"] }]] } },
  { q: "any bullish engulfing candles?", expect: { calls: [["candlestick_patterns", { names: ["bullish_engulfing"] }]] } },
  { q: "hammers or shooting stars lately", expect: { calls: [["candlestick_patterns", { names: ["hammer", "shooting_star"] }]] } },
  { q: "candlestick patterns on the hourly", expect: { calls: [["candlestick_patterns", { timeframe: "1h" }]] } },
  { q: "chart patterns and candlestick patterns", expect: { calls: [["detect_patterns"], ["candlestick_patterns"]] } },
  { q: "morning star on apple?", expect: { calls: [["candlestick_patterns", { symbol: "AAPL", names: ["morning_star"] }]] } },
  // Indicators
  { q: "add 50 and 200 SMA", expect: { calls: [["add_indicator", { ...TSLA, indicators: [sma(50), sma(200)] }]] } },
  { q: "add the 50/200 sma", expect: { calls: [["add_indicator", { indicators: [sma(50), sma(200)] }]] } },
  { q: "show me the 200 day moving average", expect: { calls: [["add_indicator", { timeframe: "1D", indicators: [sma(200)] }]] } },
  { q: "add a moving average", expect: { calls: [["add_indicator", { indicators: [sma(20)] }]] } },
  { q: "ema 9 and 21", expect: { calls: [["add_indicator", { indicators: [ema(9), ema(21)] }]] } },
  { q: "ema20 and ema 50", expect: { calls: [["add_indicator", { indicators: [ema(20), ema(50)] }]] } },
  { q: "add rsi", expect: { calls: [["add_indicator", { indicators: [{ name: "rsi", period: 14 }] }]] } },
  { q: "rsi 14 and 50 sma", expect: { calls: [["add_indicator", { indicators: [{ name: "rsi", period: 14 }, sma(50)] }]] } },
  { q: "RSI(7) please", expect: { calls: [["add_indicator", { indicators: [{ name: "rsi", period: 7 }] }]] } },
  { q: "macd 12 26 9", expect: { calls: [["add_indicator", { indicators: [{ name: "macd", fast: 12, slow: 26, signal: 9 }] }]] } },
  { q: "add MACD", expect: { calls: [["add_indicator", { indicators: [{ name: "macd", fast: 12, slow: 26, signal: 9 }] }]] } },
  { q: "bollinger bands 20 2.5", expect: { calls: [["add_indicator", { indicators: [{ name: "bollinger", period: 20, stddev: 2.5 }] }]] } },
  { q: "put bollinger bands on", expect: { calls: [["add_indicator", { indicators: [{ name: "bollinger", period: 20, stddev: 2 }] }]] } },
  { q: "vwap on the 5 min", expect: { calls: [["add_indicator", { timeframe: "5m", indicators: [{ name: "vwap" }] }]] } },
  { q: "50, 100 and 200 day moving averages on AAPL", expect: { calls: [["add_indicator", { symbol: "AAPL", indicators: [sma(50), sma(100), sma(200)] }]] } },
  { q: "200 ema on the weekly", expect: { calls: [["add_indicator", { timeframe: "1W", indicators: [ema(200)] }]] } },
  { q: "add 50 and 200 SMA", noContext: true, expect: { ask: true } },
  // Fibonacci
  { q: "fib retracement", expect: { calls: [["fibonacci", TSLA]] } },
  { q: "draw fibonacci levels on gold", expect: { calls: [["fibonacci", { symbol: "GC=F" }]] } },
  { q: "where's the golden pocket", expect: { calls: [["fibonacci"]] } },
  // Clear
  { q: "clear the chart", expect: { calls: [["clear_drawings", { scope: "all" }]] } },
  { q: "Clear", expect: { calls: [["clear_drawings", { scope: "all" }]] } },
  { q: "remove all indicators", expect: { calls: [["clear_drawings", { scope: "indicators" }]] } },
  { q: "erase the lines", expect: { calls: [["clear_drawings", { scope: "lines" }]] } },
  { q: "delete the patterns", expect: { calls: [["clear_drawings", { scope: "patterns" }]] } },
  { q: "wipe all drawings", expect: { calls: [["clear_drawings", { scope: "all" }]] } },
  { q: "remove the sma", expect: { calls: [["clear_drawings", { scope: "indicators" }]] } },
  { q: "hide the RSI", expect: { calls: [["clear_drawings", { scope: "indicators" }]] } },
  { q: "is there a clear breakout above resistance?", expect: { calls: [["support_resistance", { role: "resistance" }]] } },
  { q: "start over", noContext: true, expect: { calls: [["clear_drawings", { scope: "all" }]] } },
  { q: "clear everything and draw trendlines", expect: { calls: [["clear_drawings", { scope: "all" }], ["trendlines", TSLA]] } },
  // Load symbol
  { q: "load AAPL", noContext: true, expect: { calls: [["load_symbol", { symbol: "AAPL" }]] } },
  { q: "load bitcoin", expect: { calls: [["load_symbol", { symbol: "BTC-USD" }]] } },
  { q: "$NVDA", expect: { calls: [["load_symbol", { symbol: "NVDA" }]] } },
  { q: "pull up the nasdaq 100 weekly chart", expect: { calls: [["load_symbol", { symbol: "^NDX", timeframe: "1W" }]] } },
  { q: "switch to microsoft", expect: { calls: [["load_symbol", { symbol: "MSFT" }]] } },
  { q: "show me ethereum on the 4h", expect: { calls: [["load_symbol", { symbol: "ETH-USD", timeframe: "4h" }]] } },
  { q: "open EURUSD=X", expect: { calls: [["load_symbol", { symbol: "EURUSD=X" }]] } },
  { q: "Show me HOOD", expect: { calls: [["load_symbol", { symbol: "HOOD" }]] } },
  { q: "s&p 500", expect: { calls: [["load_symbol", { symbol: "^GSPC" }]] } },
  { q: "load NVDA and draw trendlines", expect: { calls: [["trendlines", { symbol: "NVDA" }]] } },
  // Timeframe
  { q: "switch to 4 hour", expect: { calls: [["set_timeframe", { timeframe: "4h" }]] } },
  { q: "weekly", expect: { calls: [["set_timeframe", { timeframe: "1W" }]] } },
  { q: "15 min chart", expect: { calls: [["set_timeframe", { timeframe: "15m" }]] } },
  { q: "change the timeframe to hourly", expect: { calls: [["set_timeframe", { timeframe: "1h" }]] } },
  { q: "go to the daily", expect: { calls: [["set_timeframe", { timeframe: "1D" }]] } },
  { q: "show 1M candles", expect: { calls: [["set_timeframe", { timeframe: "1M" }]] } },
  { q: "switch to 1m", expect: { calls: [["set_timeframe", { timeframe: "1m" }]] } },
  // Chart info
  { q: "what chart is loaded?", expect: { calls: [["get_chart_context", {}]] } },
  { q: "What am I looking at", expect: { calls: [["get_chart_context", {}]] } },
  { q: "which symbol is this?", expect: { calls: [["get_chart_context", {}]] } },
  { q: "what timeframe is this", expect: { calls: [["get_chart_context", {}]] } },
  { q: "what chart is loaded?", noContext: true, expect: { ask: true } },
  // Trend and summary
  { q: "what's the trend on tesla?", expect: { calls: [["market_summary", { symbol: "TSLA" }]] } },
  { q: "is there a clear trend?", expect: { calls: [["market_summary", TSLA]] } },
  { q: "how is apple doing", expect: { calls: [["market_summary", { symbol: "AAPL" }]] } },
  { q: "is NVDA bullish or bearish", expect: { calls: [["market_summary", { symbol: "NVDA" }]] } },
  { q: "current price of bitcoin", expect: { calls: [["market_summary", { symbol: "BTC-USD" }]] } },
  { q: "market summary", expect: { calls: [["market_summary", TSLA]] } },
  { q: "what's the trend", noContext: true, expect: { ask: true } },
  { q: "show me the trend on bitcoin weekly", expect: { calls: [["market_summary", { symbol: "BTC-USD", timeframe: "1W" }]] } },
  { q: "load BTC-USD on the 4 hour and draw fibonacci", expect: { calls: [["fibonacci", { symbol: "BTC-USD", timeframe: "4h" }]] } },
  // Full analysis
  {
    q: "analyze NVDA",
    expect: { calls: [["market_summary", { symbol: "NVDA" }], ["support_resistance", { symbol: "NVDA" }], ["trendlines"], ["detect_patterns"], ["candlestick_patterns"]] },
  },
  { q: "give me a full technical analysis", expect: { calls: [["market_summary"], ["support_resistance"], ["trendlines"], ["detect_patterns"], ["candlestick_patterns"]] } },
  { q: "what do you think of the chart?", expect: { calls: [["market_summary"], ["support_resistance"], ["trendlines"], ["detect_patterns"], ["candlestick_patterns"]] } },
  { q: "analyze the support levels", expect: { calls: [["support_resistance", { role: "support" }]] } },
  // Small talk and other questions
  { q: "hi", expect: { notChart: true, smallTalk: "greeting" } },
  { q: "Hello there!", noContext: true, expect: { notChart: true, smallTalk: "greeting" } },
  { q: "thanks!", expect: { notChart: true, smallTalk: "thanks" } },
  { q: "what can you do?", expect: { notChart: true, smallTalk: "help" } },
  { q: "bye", expect: { notChart: true, smallTalk: "farewell" } },
  { q: "what's the weather like?", expect: { notChart: true, smallTalk: null } },
  { q: "I like pizza", expect: { notChart: true, smallTalk: null } },
  { q: "Tell me a joke", noContext: true, expect: { notChart: true, smallTalk: null } },
  { q: "ON AND ON", expect: { notChart: true, smallTalk: null } },
];

describe("rules engine accuracy table", () => {
  it("has at least 80 phrasings", () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(80);
  });

  const failures: string[] = [];

  it.each(ROWS.map((r) => [r.q + (r.noContext ? " (no context)" : ""), r] as const))("%s", (_name, row) => {
    const parsed = parseMessage(row.q);
    const plan: RulesPlan = planCalls(parsed, row.noContext ? null : { symbol: "TSLA", timeframe: "1D" });
    try {
      if ("ask" in row.expect) {
        expect(plan.kind).toBe("ask_symbol");
      } else if ("notChart" in row.expect) {
        expect(plan.kind).toBe("not_chart");
        if (row.expect.smallTalk !== undefined) expect(parsed.smallTalk).toBe(row.expect.smallTalk);
      } else {
        expect(plan.kind).toBe("calls");
        if (plan.kind !== "calls") return;
        expect(plan.calls.map((c) => c.tool)).toEqual(row.expect.calls.map(([tool]) => tool));
        row.expect.calls.forEach(([, args], i) => {
          if (args) expect(plan.calls[i]!.args).toMatchObject(args);
        });
      }
    } catch (err) {
      failures.push(row.q);
      throw err;
    }
  });

  afterAll(() => {
    // The table's score, for the record: it must be 100%.
    expect(`${ROWS.length - failures.length}/${ROWS.length}`).toBe(`${ROWS.length}/${ROWS.length}`);
  });
});
