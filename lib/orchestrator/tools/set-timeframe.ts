import { z } from "zod";
import { TIMEFRAMES, TimeframeSchema } from "@/lib/market/values";
import type { Tool } from "./types";

const args = z.object({ timeframe: TimeframeSchema.describe(`One of ${TIMEFRAMES.join(", ")}.`) });

export const setTimeframeTool: Tool<typeof args> = {
  name: "set_timeframe",
  description: "Switches the chart on screen to another bar timeframe.",
  args,
  progress: (a) => `Switching to ${a.timeframe}`,
  async run(a, ctx) {
    if (ctx.chart) ctx.chart = { symbol: ctx.chart.symbol, timeframe: a.timeframe };
    return {
      facts: { tool: "set_timeframe", symbol: ctx.chart?.symbol ?? null, timeframe: a.timeframe },
      commands: [{ type: "set_timeframe", timeframe: a.timeframe }],
    };
  },
};
