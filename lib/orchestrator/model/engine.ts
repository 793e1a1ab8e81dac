import "server-only";
import { APIConnectionTimeoutError, APIError } from "openai";
import type { ResponseFunctionToolCall, ResponseInputItem } from "openai/resources/responses/responses";
import type { ServerEnv } from "@/lib/config/env";
import { log } from "@/lib/log/logger";
import { executeCall, type Execution } from "../execution";
import { writeAnswer } from "../rules/answer";
import type { ConversationTurn, FallbackReason } from "../types";
import { openaiClient } from "./client";
import { buildInstructions } from "./instructions";
import { functionTools } from "./tool-schemas";

/** Rounds of tool calls before the model must answer in text. */
export const MAX_TOOL_ROUNDS = 4;

/** Why the model path gave up; the agent answers with the rules engine instead. */
export class ModelFailure extends Error {
  constructor(
    readonly reason: FallbackReason,
    message: string,
  ) {
    super(message);
    this.name = "ModelFailure";
  }
}

function classify(err: unknown, timedOut: boolean): ModelFailure {
  if (err instanceof ModelFailure) return err;
  if (timedOut || err instanceof APIConnectionTimeoutError) return new ModelFailure("timeout", "the model did not answer in time");
  if (err instanceof APIError && err.status === 429) return new ModelFailure("rate_limited", "the model is rate limited");
  const detail = err instanceof Error ? err.message : String(err);
  return new ModelFailure("upstream_error", `the model failed: ${detail}`);
}

interface RoundResult {
  text: string;
  calls: ResponseFunctionToolCall[];
}

/**
 * The model engine: Responses API with the registry's function tools, a bounded tool loop,
 * streamed text. Throws ModelFailure on timeout, rate limit or outage, and the abort error
 * when the caller aborted.
 */
export async function runModel(
  exec: Execution,
  opts: { query: string; history?: ConversationTurn[]; env: ServerEnv; signal?: AbortSignal },
): Promise<string> {
  const { env } = opts;
  const deadline = AbortSignal.timeout(env.OPENAI_TIMEOUT_MS);
  const signal = opts.signal ? AbortSignal.any([opts.signal, deadline]) : deadline;
  const client = openaiClient(env);
  const instructions = buildInstructions(exec.ctx.chart);
  const input: ResponseInputItem[] = [
    ...(opts.history ?? []).map((t): ResponseInputItem => ({ role: t.role, content: t.text })),
    { role: "user", content: opts.query },
  ];
  let streamed = "";

  const round = async (last: boolean): Promise<RoundResult> => {
    const stream = await client.responses.create(
      { model: env.OPENAI_MODEL, instructions, input, tools: functionTools(), tool_choice: last ? "none" : "auto", stream: true, store: false },
      { signal },
    );
    const out: RoundResult = { text: "", calls: [] };
    let completed = false;
    for await (const event of stream) {
      switch (event.type) {
        case "response.output_text.delta":
          out.text += event.delta;
          streamed += event.delta;
          exec.emit({ type: "text_delta", delta: event.delta });
          break;
        case "response.output_item.done":
          if (event.item.type === "function_call") out.calls.push(event.item);
          break;
        case "response.completed":
          completed = true;
          break;
        case "response.failed":
        case "response.incomplete":
          throw new ModelFailure("upstream_error", `the model response ${event.type.slice("response.".length)}`);
        case "error":
          throw new ModelFailure("upstream_error", `the model stream failed: ${event.message}`);
        default:
          break;
      }
    }
    // The SDK ends the iteration quietly when its signal aborts: check before trusting the result.
    signal.throwIfAborted();
    if (!completed && out.calls.length === 0 && out.text === "") throw new ModelFailure("upstream_error", "the model stream ended without a response");
    return out;
  };

  try {
    for (let i = 0; i < MAX_TOOL_ROUNDS + 1; i++) {
      const { text, calls } = await round(i === MAX_TOOL_ROUNDS);
      if (calls.length === 0) {
        if (text.trim()) return text;
        break;
      }
      for (const call of calls) {
        input.push({ type: "function_call", call_id: call.call_id, name: call.name, arguments: call.arguments });
        let args: unknown;
        try {
          args = call.arguments.trim() ? JSON.parse(call.arguments) : {};
        } catch {
          input.push({ type: "function_call_output", call_id: call.call_id, output: JSON.stringify({ error: "arguments are not valid JSON" }) });
          continue;
        }
        const outcome = await executeCall(exec, call.name, args);
        input.push({
          type: "function_call_output",
          call_id: call.call_id,
          output: JSON.stringify(outcome.ok ? outcome.facts : { error: outcome.error }),
        });
        if (!outcome.ok) exec.errors.push(outcome.error);
      }
    }
  } catch (err) {
    if (opts.signal?.aborted) throw opts.signal.reason ?? err;
    const failure = classify(err, deadline.aborted);
    if (failure.reason === "upstream_error") log.warn("model engine failed", { error: failure.message });
    throw failure;
  }
  // The model ran tools but wrote nothing: say what they found, in the rules engine's words.
  const text = writeAnswer(exec.facts, [], exec.ctx.data?.note);
  if (!streamed) exec.emit({ type: "text_delta", delta: text });
  return text;
}
