import { z } from "zod";
import { SymbolSchema } from "@/lib/market/values";
import { timeframeArg } from "./args";
import type { Tool } from "./types";

const args = z.object({
  symbol: SymbolSchema.describe("Ticker to show, such as AAPL, BTC-USD, ^GSPC or EURUSD=X."),
  timeframe: timeframeArg(),
});

export const loadSymbolTool: Tool<typeof args> = {
  name: "load_symbol",
  description: "Loads another symbol on the chart (optionally at a timeframe). Drawings made after it belong to that chart.",
  args,
  progress: (a) => `Loading ${a.symbol}`,
  async run(a, ctx) {
    const timeframe = a.timeframe ?? ctx.chart?.timeframe ?? null;
    const chart = { symbol: a.symbol, timeframe: timeframe ?? "1D" } as const;
    ctx.chart = chart;
    return {
      facts: { tool: "load_symbol", symbol: a.symbol, timeframe: chart.timeframe },
      // Without a timeframe asked for or known, the page keeps its own: the command leaves it out.
      commands: [timeframe ? { type: "load_symbol", symbol: a.symbol, timeframe } : { type: "load_symbol", symbol: a.symbol }],
    };
  },
};
