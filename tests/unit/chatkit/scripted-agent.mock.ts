import type { ChartCommand } from "@/lib/commands/schema";
import type { AgentAnswer, AgentRequest } from "@/lib/orchestrator/types";

/**
 * A stand-in for the orchestrator with the same callback behaviour (progress, commands as
 * soon as the tool returns, text deltas, notices) and a fixed answer, so protocol tests pin
 * the event order without depending on market data. The real orchestrator runs in the
 * integration tests.
 */
export interface ScriptOptions {
  /** Pause between text deltas, so aborts can land mid-answer. */
  deltaDelayMs?: number;
  notice?: string;
  /** Throw after this many deltas. */
  failAfterDeltas?: number;
  widget?: boolean;
}

export const SCRIPT_COMMANDS: ChartCommand[] = [
  { type: "horizontal_line", id: "sr-s-212.40", price: 212.4, role: "support", label: "Support 212.40", strength: 0.8 },
  { type: "horizontal_line", id: "sr-r-251.90", price: 251.9, role: "resistance", label: "Resistance 251.90", strength: 0.6 },
];
export const SCRIPT_TEXT_PARTS = ["TSLA 1D: support at 212.40 ", "(4 touches) and resistance ", "at 251.90."];

export function scriptedAgent(opts: ScriptOptions = {}) {
  const calls: AgentRequest[] = [];
  const run = async (req: AgentRequest): Promise<AgentAnswer> => {
    calls.push(req);
    const symbol = req.context?.symbol ?? null;
    const timeframe = req.context?.timeframe ?? null;
    const wait = () => new Promise((r) => setTimeout(r, opts.deltaDelayMs ?? 0));
    if (!symbol) {
      const text = "Which symbol should I analyse? Load a chart or name a symbol.";
      req.onEvent?.({ type: "text_delta", delta: text });
      return answer(text, [], null, null);
    }
    if (opts.notice) req.onEvent?.({ type: "notice", level: "warning", message: opts.notice });
    req.onEvent?.({ type: "progress", tool: "support_resistance", text: `Finding support and resistance on ${symbol} ${timeframe}` });
    await wait();
    req.onEvent?.({ type: "commands", commands: SCRIPT_COMMANDS });
    let sent = 0;
    for (const delta of SCRIPT_TEXT_PARTS) {
      req.signal?.throwIfAborted();
      if (opts.failAfterDeltas !== undefined && sent >= opts.failAfterDeltas) throw new Error("scripted failure");
      req.onEvent?.({ type: "text_delta", delta });
      sent++;
      await wait();
    }
    req.signal?.throwIfAborted();
    const a = answer(SCRIPT_TEXT_PARTS.join(""), SCRIPT_COMMANDS, symbol, timeframe);
    if (opts.widget !== false) {
      a.widget = {
        kind: "levels",
        tool: "support_resistance",
        symbol,
        timeframe: timeframe!,
        rows: [
          { id: "sr-s-212.40", title: "Support 212.40", detail: "4 touches · strength 0.80" },
          { id: "sr-r-251.90", title: "Resistance 251.90", detail: "3 touches · strength 0.60" },
        ],
      };
    }
    return a;
  };
  return { run, calls };
}

function answer(text: string, commands: ChartCommand[], symbol: string | null, timeframe: AgentAnswer["metadata"]["timeframe"]): AgentAnswer {
  return {
    text,
    chart_commands: commands,
    tools_used: commands.length ? ["support_resistance"] : [],
    chart_intent: true,
    metadata: { symbol, timeframe, timestamp: "2026-01-01T00:00:00.000Z", engine: "rules", data_source: "demo", candles: { count: 500, from: 1, to: 2 } },
  };
}
