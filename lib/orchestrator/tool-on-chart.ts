import "server-only";
import { buildAnswer, createExecution, emitText, executeCall, type Execution } from "./execution";
import { ASK_SYMBOL_TEXT, writeAnswer } from "./rules/answer";
import type { AgentAnswer, ToolOnChartRequest } from "./types";

/** Moves the page to the request's chart with the registry's own tool; false when that failed. */
async function moveTo(exec: Execution, page: ToolOnChartRequest["context"], symbol: string, timeframe: ToolOnChartRequest["timeframe"]): Promise<boolean> {
  const outcome =
    !page || page.symbol !== symbol
      ? await executeCall(exec, "load_symbol", { symbol, timeframe })
      : page.timeframe !== timeframe
        ? await executeCall(exec, "set_timeframe", { timeframe })
        : null;
  if (outcome && !outcome.ok) exec.errors.push(outcome.error);
  return outcome?.ok ?? true;
}

/**
 * Runs one analysis tool on a named chart straight through the registry, as both engines call
 * it: first load_symbol or set_timeframe, so the page switches before anything is drawn and the
 * answer says so, then the tool on that chart. Same answer shape (commands, tools_used,
 * metadata, card) and sentences as the rules engine; `signal` stops the work.
 */
export async function runToolOnChart(req: ToolOnChartRequest): Promise<AgentAnswer> {
  req.signal?.throwIfAborted();
  const exec = createExecution({ context: req.context, signal: req.signal, onEvent: req.onEvent });
  const symbol = req.symbol ?? req.context?.symbol;
  let text = ASK_SYMBOL_TEXT;
  if (symbol) {
    if (await moveTo(exec, req.context, symbol, req.timeframe)) {
      const outcome = await executeCall(exec, req.tool, { symbol, timeframe: req.timeframe });
      if (!outcome.ok) exec.errors.push(outcome.error);
    }
    text = writeAnswer(exec.facts, exec.errors, exec.ctx.data?.note);
  }
  emitText(exec, text);
  return buildAnswer(exec, { text, engine: "rules", chartIntent: true });
}
