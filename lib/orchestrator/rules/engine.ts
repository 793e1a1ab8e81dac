import "server-only";
import { buildAnswer, emitText, executeCall, type Execution } from "../execution";
import type { AgentAnswer, FallbackReason } from "../types";
import { ASK_SYMBOL_TEXT, smallTalkText, writeAnswer } from "./answer";
import type { ParsedMessage } from "./intents";
import { planCalls } from "./plan";

/**
 * Deterministic answer from a message the caller parsed (once, with `parseMessage`): plan, run
 * the tools in order, write the text from their facts.
 */
export async function runRules(exec: Execution, parsed: ParsedMessage, fallbackReason?: FallbackReason): Promise<AgentAnswer> {
  const plan = planCalls(parsed, exec.ctx.chart);
  let text: string;
  if (plan.kind === "not_chart") {
    text = smallTalkText(parsed.smallTalk);
  } else if (plan.kind === "ask_symbol") {
    text = ASK_SYMBOL_TEXT;
  } else {
    for (const call of plan.calls) {
      const outcome = await executeCall(exec, call.tool, call.args);
      if (outcome.ok) continue;
      // Every analysis in a plan reads the same chart, so its failure reads the same for each: say it once.
      if (!exec.errors.includes(outcome.error)) exec.errors.push(outcome.error);
      // A symbol that does not exist makes the rest of the plan pointless.
      if (outcome.code === "unknown_symbol") break;
    }
    text = writeAnswer(exec.facts, exec.errors, exec.ctx.data?.note);
  }
  emitText(exec, text);
  return buildAnswer(exec, { text, engine: "rules", chartIntent: plan.kind !== "not_chart", fallbackReason });
}
