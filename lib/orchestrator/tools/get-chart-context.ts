import { z } from "zod";
import type { Tool } from "./types";

const args = z.object({});

export const getChartContextTool: Tool<typeof args> = {
  name: "get_chart_context",
  description: "The chart the user is looking at: symbol, timeframe, visible range and the drawings on it.",
  args,
  progress: () => "Reading the chart on screen",
  async run(_args, ctx) {
    const chart = ctx.chart;
    return {
      facts: {
        tool: "get_chart_context",
        chart: chart
          ? { symbol: chart.symbol, timeframe: chart.timeframe, visible_range: chart.visible_range ?? null, snapshot_id: chart.snapshot_id ?? null }
          : null,
        drawings: ctx.drawings,
      },
      commands: [],
    };
  },
};
