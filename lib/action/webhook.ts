import "server-only";
import { publishToUser } from "@/lib/command-bus/bus";
import { contextStore } from "@/lib/context-store";
import { log } from "@/lib/log/logger";
import { runAgent } from "@/lib/orchestrator/agent";
import type { WebhookRequest, WebhookResponse } from "./schemas";

const NOT_HANDLED: WebhookResponse = { handled: false, response: null, commands: [], tools_used: [] };

/**
 * The fallback interceptor: the rules engine decides whether the message is about the chart.
 * Chart messages are answered (with the stored context when none is given) and their commands
 * pushed to the user's page; anything else is left to the caller.
 */
export async function handleWebhook(input: WebhookRequest, opts: { signal?: AbortSignal } = {}): Promise<WebhookResponse> {
  let context = input.chart_context ?? null;
  let drawings;
  const stored = await contextStore()
    .get(input.user_id)
    .catch((err: unknown) => {
      log.warn("chart context store unavailable", { error: String(err) });
      return null;
    });
  if (!context && stored) context = stored.chart_context;
  if (stored && context && stored.chart_context.symbol === context.symbol && stored.chart_context.timeframe === context.timeframe) drawings = stored.drawings;

  const answer = await runAgent({ query: input.message, context, userId: input.user_id, drawings, engine: "rules", signal: opts.signal });
  if (!answer.chart_intent) return { ...NOT_HANDLED, commands: [], tools_used: [] };
  if (answer.chart_commands.length > 0) {
    await publishToUser(input.user_id, { commands: answer.chart_commands, source: "webhook", text: answer.text }).catch((err: unknown) =>
      log.warn("could not push chart commands", { error: String(err) }),
    );
  }
  return { handled: true, response: answer.text, commands: answer.chart_commands, tools_used: answer.tools_used };
}
