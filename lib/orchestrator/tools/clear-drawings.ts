import { z } from "zod";
import { CLEAR_SCOPES } from "@/lib/commands/schema";
import { optional } from "./args";
import type { Tool } from "./types";

const args = z.object({
  scope: optional(z.enum(CLEAR_SCOPES)).describe(
    "all (default); lines = horizontal lines, zones, trendlines, fibonacci; patterns = patterns and markers; indicators.",
  ),
});

export const clearDrawingsTool: Tool<typeof args> = {
  name: "clear_drawings",
  description: "Removes drawings from the chart on screen: everything, or only lines, patterns or indicators.",
  args,
  progress: (a) => (a.scope && a.scope !== "all" ? `Clearing ${a.scope}` : "Clearing the chart"),
  async run(a, ctx) {
    const scope = a.scope ?? "all";
    return {
      facts: ctx.chart ? { tool: "clear_drawings", scope, symbol: ctx.chart.symbol, timeframe: ctx.chart.timeframe } : { tool: "clear_drawings", scope },
      commands: [{ type: "clear", scope }],
    };
  },
};
