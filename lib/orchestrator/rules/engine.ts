import "server-only";
import { buildAnswer, emitText, executeCall, type Execution } from "../execution";
import type { AgentAnswer, FallbackReason } from "../types";
import { ASK_SYMBOL_TEXT, smallTalkText, writeAnswer } from "./answer";
import { parseMessage } from "./intents";
import { planCalls } from "./plan";

/** Deterministic answer: parse, plan, run the tools in order, write the text from their facts. */
export async function runRules(exec: Execution, query: string, fallbackReason?: FallbackReason): Promise<AgentAnswer> {
  const parsed = parseMessage(query);
  const plan = planCalls(parsed, exec.ctx.chart);
  let text: string;
  if (plan.kind === "not_chart") {
    text = smallTalkText(parsed.smallTalk);
  } else if (plan.kind === "ask_symbol") {
    text = ASK_SYMBOL_TEXT;
  } else {
    for (const call of plan.calls) {
      const outcome = await executeCall(exec, call.tool, call.args);
      if (!outcome.ok) {
        exec.errors.push(outcome.error);
        // A symbol that does not exist makes the rest of the plan pointless.
        if (/^I don't know the symbol/.test(outcome.error)) break;
      }
    }
    text = writeAnswer(exec.facts, exec.errors, exec.ctx.data?.note);
  }
  emitText(exec, text);
  return buildAnswer(exec, { text, engine: "rules", chartIntent: plan.kind !== "not_chart", fallbackReason });
}
