import "server-only";
import { publishToUser } from "@/lib/command-bus/bus";
import { contextStore } from "@/lib/context-store";
import { log } from "@/lib/log/logger";
import { runAgent } from "@/lib/orchestrator/agent";
import type { ChartActionRequest, ChartActionResponse } from "./schemas";

/**
 * The chart action (`chart_control`): the agent's answer with its commands; with `user_id`, the
 * commands also go to that user's open page, and that user's stored context stands in for a
 * missing `chart_context`.
 */
export async function chartAction(input: ChartActionRequest, opts: { signal?: AbortSignal } = {}): Promise<ChartActionResponse> {
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
  const answer = await runAgent({ query: input.query, context, userId: input.user_id, drawings, signal: opts.signal });
  if (input.user_id && answer.chart_commands.length > 0) {
    await publishToUser(input.user_id, { commands: answer.chart_commands, source: "action", text: answer.text }).catch((err: unknown) =>
      log.warn("could not push chart commands", { error: String(err) }),
    );
  }
  const out: ChartActionResponse = {
    success: true,
    text: answer.text,
    chart_commands: answer.chart_commands,
    tools_used: answer.tools_used,
    metadata: answer.metadata,
  };
  if (input.conversation_id !== undefined) out.conversation_id = input.conversation_id;
  return out;
}
