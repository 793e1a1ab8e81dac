import "server-only";
import type { ChartCommand } from "@/lib/commands/schema";
import type { DrawingSummary } from "@/lib/context-store/types";
import type { ToolFacts } from "./tools/facts";
import { parseToolCall, runParsed } from "./tools/registry";
import { createToolContext, ToolError, type ChartState, type ToolContext, type ToolErrorCode } from "./tools/types";
import type { AgentAnswer, AgentEvent, AnswerWidget, Engine, FallbackReason, ToolName } from "./types";

/** Everything one answer accumulates while its tools run; both engines fill one of these. */
export interface Execution {
  readonly ctx: ToolContext;
  readonly facts: ToolFacts[];
  readonly commands: ChartCommand[];
  readonly tools: ToolName[];
  readonly errors: string[];
  widget?: AnswerWidget;
  readonly emit: (event: AgentEvent) => void;
  /** False when nobody listens: streaming work (chunking the text) can be skipped. */
  readonly streaming: boolean;
}

export function createExecution(opts: {
  context: ChartState | null;
  drawings?: DrawingSummary[];
  signal?: AbortSignal;
  onEvent?: (event: AgentEvent) => void;
}): Execution {
  const onEvent = opts.onEvent;
  return {
    ctx: createToolContext(opts),
    facts: [],
    commands: [],
    tools: [],
    errors: [],
    streaming: onEvent !== undefined,
    emit: (event) => {
      // A listener that throws (a closed stream) must not take the answer down with it.
      try {
        onEvent?.(event);
      } catch {
        // The caller owns its stream; nothing to do here.
      }
    },
  };
}

/**
 * The registry tools whose effect a call's commands carry, in the order they apply: an analysis
 * on another chart first loads it (load_symbol) or switches its timeframe (set_timeframe), and
 * `tools_used` must name those too, whichever engine made the call.
 */
export function toolsBehind(called: ToolName, commands: readonly ChartCommand[]): ToolName[] {
  const out: ToolName[] = [];
  for (const c of commands) {
    const implied: ToolName | null = c.type === "load_symbol" ? "load_symbol" : c.type === "set_timeframe" ? "set_timeframe" : c.type === "clear" ? "clear_drawings" : null;
    if (implied && implied !== called && !out.includes(implied)) out.push(implied);
  }
  out.push(called);
  return out;
}

/** A failed call: the tool's own code, or `invalid_args` when the call never reached a tool. */
export type CallFailureCode = ToolErrorCode | "invalid_args";

export type CallOutcome = { ok: true; facts: ToolFacts } | { ok: false; code: CallFailureCode; error: string };

/**
 * Validates and runs one tool call: progress before, commands as soon as it returns. Bad
 * arguments and tool failures come back as `{ ok: false }` with a code to branch on and a
 * sentence to show (the model can retry); an abort throws.
 */
export async function executeCall(exec: Execution, name: string, rawArgs: unknown): Promise<CallOutcome> {
  exec.ctx.signal?.throwIfAborted();
  const call = parseToolCall(name, rawArgs);
  if (!call.ok) return { ok: false, code: "invalid_args", error: call.error };
  if (exec.streaming) exec.emit({ type: "progress", tool: call.tool.name, text: call.tool.progress(call.args as never, exec.ctx) });
  // Snapshot of the chart so a failed call does not leave the request on a chart it never drew on.
  const chartBefore = exec.ctx.chart;
  try {
    const result = await runParsed(call, exec.ctx);
    exec.ctx.signal?.throwIfAborted();
    for (const tool of toolsBehind(call.tool.name, result.commands)) if (!exec.tools.includes(tool)) exec.tools.push(tool);
    exec.facts.push(result.facts);
    if (result.commands.length) {
      exec.commands.push(...result.commands);
      exec.emit({ type: "commands", commands: result.commands });
    }
    // Levels win the card over patterns: they are what a trader acts on first.
    if (result.widget && (!exec.widget || (exec.widget.kind === "patterns" && result.widget.kind === "levels"))) exec.widget = result.widget;
    return { ok: true, facts: result.facts };
  } catch (err) {
    exec.ctx.chart = chartBefore;
    if (err instanceof ToolError) return { ok: false, code: err.code, error: err.message };
    throw err;
  }
}

export function buildAnswer(
  exec: Execution,
  opts: { text: string; engine: Engine; chartIntent: boolean; fallbackReason?: FallbackReason },
): AgentAnswer {
  const chart = opts.chartIntent ? exec.ctx.chart : null;
  const data = exec.ctx.data;
  const answer: AgentAnswer = {
    text: opts.text,
    chart_commands: exec.commands,
    tools_used: exec.tools,
    metadata: {
      symbol: chart?.symbol ?? null,
      timeframe: chart?.timeframe ?? null,
      timestamp: new Date().toISOString(),
      engine: opts.engine,
      data_source: data?.source ?? null,
      candles: { count: data?.count ?? 0, from: data?.from ?? null, to: data?.to ?? null },
    },
    chart_intent: opts.chartIntent,
  };
  if (opts.fallbackReason) answer.metadata.fallback_reason = opts.fallbackReason;
  if (data?.note) answer.metadata.data_note = data.note;
  if (exec.widget) answer.widget = exec.widget;
  return answer;
}

/** Streams a finished text as a few word-aligned chunks, as a model would. */
export function emitText(exec: Execution, text: string, chunks = 4): void {
  if (!exec.streaming) return;
  const words = text.split(/(?<=\s)/);
  const per = Math.max(1, Math.ceil(words.length / chunks));
  for (let i = 0; i < words.length; i += per) exec.emit({ type: "text_delta", delta: words.slice(i, i + per).join("") });
}
