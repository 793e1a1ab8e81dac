import "server-only";
import { z } from "zod";
import { createExecution, executeCall } from "@/lib/orchestrator/execution";
import { writeAnswer } from "@/lib/orchestrator/rules/answer";
import { TOOLS } from "@/lib/orchestrator/tools/registry";
import type { ToolName } from "@/lib/orchestrator/types";
import { ChartContextSchema, SymbolSchema, TimeframeSchema } from "@/lib/market/values";
import type { McpAnswer } from "./types";

/** The analysis tools MCP offers beside chart_control (CONTRACT.md "/api/mcp"). */
export const MCP_ANALYSIS_TOOLS = ["support_resistance", "trendlines", "detect_patterns", "candlestick_patterns", "fibonacci", "market_summary"] as const satisfies readonly ToolName[];
export type McpAnalysisTool = (typeof MCP_ANALYSIS_TOOLS)[number];

/**
 * The registry's own argument schema with `symbol` and `timeframe` required: an MCP caller has
 * no chart on screen to default to. The registry's optional extras (role, names, …) stay.
 */
export function analysisInputSchema(name: McpAnalysisTool) {
  const base = TOOLS[name].args as z.ZodObject;
  return base.extend({
    symbol: SymbolSchema.describe("Ticker such as TSLA, BRK.B, ^GSPC, BTC-USD or EURUSD=X."),
    timeframe: TimeframeSchema.describe("Bar timeframe: 1m 5m 15m 30m 1h 4h 1D 1W 1M (aliases such as daily or 4H accepted)."),
  });
}

export class McpToolFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = "McpToolFailure";
  }
}

/**
 * Runs one registry tool on the named chart, as the chart action would, and words the answer
 * with the rules engine's sentences so MCP and the chat say the same thing.
 */
export async function runAnalysisTool(name: McpAnalysisTool, args: { symbol: string; timeframe: string } & Record<string, unknown>, signal?: AbortSignal): Promise<McpAnswer> {
  const context = ChartContextSchema.parse({ symbol: args.symbol, timeframe: args.timeframe });
  const exec = createExecution({ context, signal });
  const outcome = await executeCall(exec, name, args);
  if (!outcome.ok) throw new McpToolFailure(outcome.error);
  return {
    text: writeAnswer(exec.facts, exec.errors, exec.ctx.data?.note),
    chart_commands: exec.commands,
    tools_used: exec.tools,
  };
}
