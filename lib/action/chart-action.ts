import "server-only";
import { publishToUser, type CommandSource } from "@/lib/command-bus/bus";
import { contextStore } from "@/lib/context-store";
import { log } from "@/lib/log/logger";
import type { ChartContext } from "@/lib/market/values";
import { runAgent } from "@/lib/orchestrator/agent";
import type { AgentAnswer, Engine } from "@/lib/orchestrator/types";
import type { ChartActionRequest, ChartActionResponse } from "./schemas";

export interface UserChartQuery {
  query: string;
  chartContext?: ChartContext | null;
  userId?: string;
  /** The stream `source` the pushed commands carry. */
  source: CommandSource;
  engine?: Engine;
  signal?: AbortSignal;
}

/**
 * The agent's answer for a server-side caller (chart action, webhook, MCP). With a user id, that
 * user's stored context stands in for a missing chart context (its drawings too, when it is the
 * same chart), and the answer's commands are pushed to that user's open page. A store or bus
 * outage only costs the context or the push, never the answer.
 */
export async function answerForUser(req: UserChartQuery): Promise<AgentAnswer> {
  let context = req.chartContext ?? null;
  let drawings;
  if (req.userId) {
    const stored = await contextStore()
      .get(req.userId)
      .catch((err: unknown) => {
        log.warn("chart context store unavailable", { error: String(err) });
        return null;
      });
    if (!context && stored) context = stored.chart_context;
    if (stored && context && stored.chart_context.symbol === context.symbol && stored.chart_context.timeframe === context.timeframe) drawings = stored.drawings;
  }
  const answer = await runAgent({ query: req.query, context, userId: req.userId, drawings, engine: req.engine, signal: req.signal });
  if (req.userId && answer.chart_commands.length > 0) {
    await publishToUser(req.userId, { commands: answer.chart_commands, source: req.source, text: answer.text }).catch((err: unknown) =>
      log.warn("could not push chart commands", { error: String(err) }),
    );
  }
  return answer;
}

/**
 * The chart action (`chart_control`): the agent's answer with its commands; with `user_id`, the
 * commands also go to that user's open page, and that user's stored context stands in for a
 * missing `chart_context`.
 */
export async function chartAction(input: ChartActionRequest, opts: { signal?: AbortSignal } = {}): Promise<ChartActionResponse> {
  const answer = await answerForUser({ query: input.query, chartContext: input.chart_context, userId: input.user_id, source: "action", signal: opts.signal });
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
