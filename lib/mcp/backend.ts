import "server-only";
import { answerForUser } from "@/lib/action/chart-action";
import { ChartActionRequestSchema } from "@/lib/action/schemas";
import type { McpBackend } from "./server";

/** `chart_control`'s input: the chart action's own fields `query`, `chart_context`, `user_id`. */
export const McpChartControlSchema = ChartActionRequestSchema.pick({ query: true, chart_context: true, user_id: true });

/**
 * The chart action for MCP callers: with `user_id`, that user's stored context stands in for a
 * missing `chart_context` and the commands are pushed to their page, marked as coming from MCP.
 */
export async function mcpChartControl(raw: unknown, signal?: AbortSignal) {
  const input = McpChartControlSchema.parse(raw);
  const answer = await answerForUser({ query: input.query, chartContext: input.chart_context, userId: input.user_id, source: "mcp", signal });
  return { text: answer.text, chart_commands: answer.chart_commands, tools_used: answer.tools_used };
}

export function defaultMcpBackend(): McpBackend {
  return { chartControlSchema: McpChartControlSchema, chartControl: mcpChartControl };
}
