import "server-only";
import { answerForUser } from "./chart-action";
import type { WebhookRequest, WebhookResponse } from "./schemas";

const NOT_HANDLED: WebhookResponse = { handled: false, response: null, commands: [], tools_used: [] };

/**
 * The fallback interceptor: the rules engine decides whether the message is about the chart.
 * Chart messages are answered (with the stored context when none is given) and their commands
 * pushed to the user's page; anything else is left to the caller (and has no commands to push).
 */
export async function handleWebhook(input: WebhookRequest, opts: { signal?: AbortSignal } = {}): Promise<WebhookResponse> {
  const answer = await answerForUser({
    query: input.message,
    chartContext: input.chart_context,
    userId: input.user_id,
    source: "webhook",
    engine: "rules",
    signal: opts.signal,
  });
  if (!answer.chart_intent) return { ...NOT_HANDLED, commands: [], tools_used: [] };
  return { handled: true, response: answer.text, commands: answer.chart_commands, tools_used: answer.tools_used };
}
