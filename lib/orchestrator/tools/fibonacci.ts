import { z } from "zod";
import { fibonacciCommand } from "@/lib/analysis/commands";
import { decimalsFor } from "@/lib/analysis/levels";
import { DEFAULT_FIB_LEVELS, type FibonacciCommand } from "@/lib/commands/schema";
import { targetShape } from "./args";
import { ensureChart, snapshotFor, targetLabel } from "./chart";
import type { Tool } from "./types";

const args = z.object(targetShape());

/**
 * The levels as the page draws them from the command (ratio r at end − r × (end − start), labelled
 * with the precision of the swing's lower price), so the answer quotes the very numbers on the chart.
 */
function drawnLevels(cmd: FibonacciCommand): { ratio: number; price: number }[] {
  const digits = decimalsFor(Math.min(cmd.start.price, cmd.end.price));
  const move = cmd.end.price - cmd.start.price;
  return (cmd.levels ?? DEFAULT_FIB_LEVELS).map((ratio) => ({ ratio, price: Number((cmd.end.price - move * ratio).toFixed(digits)) }));
}

export const fibonacciTool: Tool<typeof args> = {
  name: "fibonacci",
  description: "Draws a Fibonacci retracement over the latest major swing and lists its levels.",
  args,
  progress: (a, ctx) => `Measuring the Fibonacci retracement on ${targetLabel(a, ctx)}`,
  async run(a, ctx) {
    const { chart, commands: lead } = ensureChart(ctx, a.symbol, a.timeframe);
    const snap = await snapshotFor(ctx, chart);
    const fib = snap.analysis("fibonacci");
    const cmd = fib ? fibonacciCommand(fib) : null;
    return {
      facts: {
        tool: "fibonacci",
        symbol: chart.symbol,
        timeframe: chart.timeframe,
        id: cmd?.id ?? null,
        last_close: snap.lastClose,
        swing: fib ? { from: fib.start, to: fib.end } : null,
        levels: cmd ? drawnLevels(cmd) : [],
      },
      commands: cmd ? [...lead, cmd] : lead,
    };
  },
};
