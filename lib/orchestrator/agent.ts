import "server-only";
import { serverEnv } from "@/lib/config/env";
import { buildAnswer, createExecution } from "./execution";
import { ModelFailure, runModel } from "./model/engine";
import { runRules } from "./rules/engine";
import { parseMessage, type ParsedMessage } from "./rules/intents";
import type { AgentAnswer, AgentRequest } from "./types";

const FALLBACK_NOTICE: Record<ModelFailure["reason"], string> = {
  timeout: "The AI model took too long, so this answer comes from the built-in analysis rules.",
  rate_limited: "The AI model is rate limited right now, so this answer comes from the built-in analysis rules.",
  upstream_error: "The AI model is unavailable right now, so this answer comes from the built-in analysis rules.",
};

/**
 * Answers a chart question: the model engine when OPENAI_API_KEY is set (unless the caller asks
 * for rules), else the rules engine; on a model timeout, rate limit or outage the rules engine
 * answers instead, within the model's deadline. Events stream through `req.onEvent`;
 * `req.signal` stops the work (the promise rejects with the abort reason).
 */
export async function runAgent(req: AgentRequest): Promise<AgentAnswer> {
  const env = serverEnv();
  const fresh = () => createExecution({ context: req.context, drawings: req.drawings, signal: req.signal, onEvent: req.onEvent });
  req.signal?.throwIfAborted();
  // The one parse of the message, made only when an answer needs it (a model that called tools does not).
  let parsed: ParsedMessage | null = null;
  const parse = (): ParsedMessage => (parsed ??= parseMessage(req.query));
  if (!env.OPENAI_API_KEY || req.engine === "rules") return runRules(fresh(), parse());

  const exec = fresh();
  try {
    const text = await runModel(exec, { query: req.query, history: req.history, env, signal: req.signal });
    const chartIntent = exec.tools.length > 0 || parse().intents.length > 0;
    return buildAnswer(exec, { text, engine: "llm", chartIntent });
  } catch (err) {
    if (!(err instanceof ModelFailure)) throw err;
    const rules = fresh();
    rules.emit({ type: "notice", level: "warning", message: FALLBACK_NOTICE[err.reason] });
    return runRules(rules, parse(), err.reason);
  }
}
