import { z } from "zod";
import { fibonacciCommand } from "@/lib/analysis/commands";
import { targetShape } from "./args";
import { ensureChart, snapshotFor, targetLabel } from "./chart";
import type { Tool } from "./types";

const args = z.object(targetShape());

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
        levels: fib?.levels ?? [],
      },
      commands: cmd ? [...lead, cmd] : lead,
    };
  },
};
