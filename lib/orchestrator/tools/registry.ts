import type { z } from "zod";
import { describeZodError } from "@/lib/http/zod-error";
import type { ToolName } from "../types";
import { addIndicatorTool } from "./add-indicator";
import { candlestickPatternsTool } from "./candlestick-patterns";
import { clearDrawingsTool } from "./clear-drawings";
import { detectPatternsTool } from "./detect-patterns";
import { fibonacciTool } from "./fibonacci";
import { getChartContextTool } from "./get-chart-context";
import { loadSymbolTool } from "./load-symbol";
import { marketSummaryTool } from "./market-summary";
import { setTimeframeTool } from "./set-timeframe";
import { supportResistanceTool } from "./support-resistance";
import { trendlinesTool } from "./trendlines";
import type { Tool, ToolContext, ToolResult } from "./types";

/** The one registry both engines call (and MCP reuses): the contract's orchestrator tools. */
export const TOOLS: { readonly [N in ToolName]: Tool } = {
  get_chart_context: getChartContextTool as Tool,
  load_symbol: loadSymbolTool as Tool,
  set_timeframe: setTimeframeTool as Tool,
  support_resistance: supportResistanceTool as Tool,
  trendlines: trendlinesTool as Tool,
  detect_patterns: detectPatternsTool as Tool,
  candlestick_patterns: candlestickPatternsTool as Tool,
  add_indicator: addIndicatorTool as Tool,
  fibonacci: fibonacciTool as Tool,
  clear_drawings: clearDrawingsTool as Tool,
  market_summary: marketSummaryTool as Tool,
};

export function isToolName(name: string): name is ToolName {
  return Object.hasOwn(TOOLS, name);
}

export type ParsedCall = { ok: true; tool: Tool; args: unknown } | { ok: false; error: string };

/** Validates raw arguments (from the model or a caller) against the tool's schema. */
export function parseToolCall(name: string, rawArgs: unknown): ParsedCall {
  if (!isToolName(name)) return { ok: false, error: `unknown tool ${name}` };
  const tool = TOOLS[name];
  const parsed = (tool.args as z.ZodType).safeParse(rawArgs ?? {});
  if (!parsed.success) return { ok: false, error: describeZodError(parsed.error) };
  return { ok: true, tool, args: parsed.data };
}

/** Runs a validated call; ToolError and abort propagate to the engine. */
export function runParsed(call: { tool: Tool; args: unknown }, ctx: ToolContext): Promise<ToolResult> {
  return call.tool.run(call.args as never, ctx);
}
