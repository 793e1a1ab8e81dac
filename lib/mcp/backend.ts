import "server-only";
import { ChartActionRequestSchema } from "@/lib/action/schemas";
import { publishToUser } from "@/lib/command-bus/bus";
import { contextStore } from "@/lib/context-store";
import { log } from "@/lib/log/logger";
import { runAgent } from "@/lib/orchestrator/agent";
import type { McpBackend } from "./server";

/** `chart_control`'s input: the chart action's own fields `query`, `chart_context`, `user_id`. */
export const McpChartControlSchema = ChartActionRequestSchema.pick({ query: true, chart_context: true, user_id: true });

/**
 * The chart action for MCP callers: with `user_id`, that user's stored context stands in for a
 * missing `chart_context` and the commands are pushed to their page, marked as coming from MCP.
 */
export async function mcpChartControl(raw: unknown, signal?: AbortSignal) {
  const input = McpChartControlSchema.parse(raw);
  let context = input.chart_context ?? null;
  let drawings;
  if (input.user_id) {
    const stored = await contextStore()
      .get(input.user_id)
      .catch((err: unknown) => {
        log.warn("chart context store unavailable", { error: String(err) });
        return null;
      });
    if (!context && stored) context = stored.chart_context;
    if (stored && context && stored.chart_context.symbol === context.symbol && stored.chart_context.timeframe === context.timeframe) drawings = stored.drawings;
  }
  const answer = await runAgent({ query: input.query, context, userId: input.user_id, drawings, signal });
  if (input.user_id && answer.chart_commands.length > 0) {
    await publishToUser(input.user_id, { commands: answer.chart_commands, source: "mcp", text: answer.text }).catch((err: unknown) =>
      log.warn("could not push chart commands", { error: String(err) }),
    );
  }
  return { text: answer.text, chart_commands: answer.chart_commands, tools_used: answer.tools_used };
}

export function defaultMcpBackend(): McpBackend {
  return { chartControlSchema: McpChartControlSchema, chartControl: mcpChartControl };
}
