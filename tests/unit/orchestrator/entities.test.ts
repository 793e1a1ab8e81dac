import { extractIndicators, extractSymbols, extractTimeframe } from "@/lib/orchestrator/rules/entities";

describe("symbols", () => {
  it.each([
    ["draw support on TSLA", ["TSLA"]],
    ["draw support on tsla", ["TSLA"]],
    ["$nvda levels", ["NVDA"]],
    ["$TSLA.", ["TSLA"]],
    ["compare Tesla and Apple", ["TSLA", "AAPL"]],
    ["bitcoin weekly", ["BTC-USD"]],
    ["BTC-USD and ETH", ["BTC-USD", "ETH-USD"]],
    ["the S&P 500 today", ["^GSPC"]],
    ["nasdaq 100 vs nasdaq", ["^NDX", "^IXIC"]],
    ["^GSPC levels", ["^GSPC"]],
    ["EURUSD=X on the 4h", ["EURUSD=X"]],
    ["Show BRK.B", ["BRK.B"]],
    ["what about Sofi? I mean SOFI", ["SOFI"]],
  ])("%s → %j", (q, want) => {
    expect(extractSymbols(q)).toEqual(want);
  });

  it.each([
    "I want ALL levels ON the chart",
    "add the SMA and RSI",
    "A quick look at the MACD please",
    "DRAW SUPPORT AND RESISTANCE",
    "what is the ATH and ATL?",
    "show the 4H and 1D",
    "SMA200 and EMA50",
    "is it OK to buy now",
    "200 day moving average",
    "draw a golden pocket fib",
  ])("finds no ticker in %p", (q) => {
    expect(extractSymbols(q)).toEqual([]);
  });

  it("takes common-word tickers only with the $ marker", () => {
    expect(extractSymbols("resistance on $ON")).toEqual(["ON"]);
    expect(extractSymbols("resistance ON the chart")).toEqual([]);
  });
});

describe("timeframes", () => {
  it.each([
    ["4 hour chart", "4h"],
    ["4-hour", "4h"],
    ["four hour", "4h"],
    ["4H", "4h"],
    ["1h", "1h"],
    ["hourly candles", "1h"],
    ["daily", "1D"],
    ["the weekly", "1W"],
    ["monthly chart", "1M"],
    ["1M", "1M"],
    ["1m", "1m"],
    ["15 min", "15m"],
    ["15-minute", "15m"],
    ["5m", "5m"],
    ["30 minutes", "30m"],
    ["60 min", "1h"],
    ["1 day", "1D"],
  ])("%s → %s", (q, tf) => {
    expect(extractTimeframe(q)).toBe(tf);
  });

  it.each(["200 day moving average", "50 day sma", "last 3 months", "14 period rsi", "draw support"])("no timeframe in %p", (q) => {
    expect(extractTimeframe(q)).toBeNull();
  });
});

describe("indicators", () => {
  it.each([
    ["50 and 200 SMA", [{ name: "sma", params: { period: 50 } }, { name: "sma", params: { period: 200 } }]],
    ["50/200 sma", [{ name: "sma", params: { period: 50 } }, { name: "sma", params: { period: 200 } }]],
    ["sma 50/200", [{ name: "sma", params: { period: 50 } }, { name: "sma", params: { period: 200 } }]],
    ["200-day moving average", [{ name: "sma", params: { period: 200 } }]],
    ["200d ma", [{ name: "sma", params: { period: 200 } }]],
    ["moving average", [{ name: "sma", params: { period: 20 } }]],
    ["exponential moving average 21", [{ name: "ema", params: { period: 21 } }]],
    ["14 period rsi", [{ name: "rsi", params: { period: 14 } }]],
    ["rsi(7)", [{ name: "rsi", params: { period: 7 } }]],
    ["rsi 14 and 50 sma", [{ name: "rsi", params: { period: 14 } }, { name: "sma", params: { period: 50 } }]],
    ["macd", [{ name: "macd", params: { fast: 12, slow: 26, signal: 9 } }]],
    ["macd 8 21 5", [{ name: "macd", params: { fast: 8, slow: 21, signal: 5 } }]],
    ["bollinger 20 2.5", [{ name: "bollinger", params: { period: 20, stddev: 2.5 } }]],
    ["bb", [{ name: "bollinger", params: { period: 20, stddev: 2 } }]],
    ["vwap", [{ name: "vwap", params: {} }]],
    ["sma 5000", [{ name: "sma", params: { period: 20 } }]],
  ])("%s", (q, want) => {
    expect(extractIndicators(q)).toEqual(want);
  });

  it("finds none in ordinary text", () => {
    expect(extractIndicators("draw support and resistance for mama")).toEqual([]);
  });
});
