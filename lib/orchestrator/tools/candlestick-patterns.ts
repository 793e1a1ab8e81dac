import { z } from "zod";
import { candlestickCommands } from "@/lib/analysis/commands";
import { CANDLESTICK_NAMES } from "@/lib/analysis/types";
import { optional, targetShape } from "./args";
import { ensureChart, snapshotFor, targetLabel } from "./chart";
import type { CandleFact } from "./facts";
import type { Tool } from "./types";

const args = z.object({
  ...targetShape(),
  names: optional(z.array(z.enum(CANDLESTICK_NAMES)).min(1).max(CANDLESTICK_NAMES.length)).describe("Only these candlestick patterns; omit for all."),
  recent_bars: optional(z.number().int().min(1).max(5000)).describe("Only hits within the last N bars (default 50)."),
});

const DEFAULT_RECENT_BARS = 50;
/** Markers drawn at most (the most recent): more would bury the candles they point at. */
const MAX_MARKERS = 20;

export const candlestickPatternsTool: Tool<typeof args> = {
  name: "candlestick_patterns",
  description: "Finds candlestick patterns (engulfing, hammer, doji, stars, harami, ...) in recent bars and marks them on the chart.",
  args,
  progress: (a, ctx) => `Scanning candlestick patterns on ${targetLabel(a, ctx)}`,
  async run(a, ctx) {
    const { chart, commands: lead } = ensureChart(ctx, a.symbol, a.timeframe);
    const snap = await snapshotFor(ctx, chart);
    const wanted = a.names ?? null;
    const n = snap.cols.length;
    const bars = Math.min(n, a.recent_bars ?? DEFAULT_RECENT_BARS);
    const since = snap.cols.time[n - bars]!;
    const hits = (snap.analysis("candlesticks") ?? []).filter((h) => h.time >= since && (!wanted || wanted.includes(h.name)));
    // Cut once, here; the builder then maps the shown hits one to one, in order.
    const shown = hits.slice(Math.max(0, hits.length - MAX_MARKERS));
    const commands = candlestickCommands(shown, { maxCandlesticks: shown.length });
    const candles: CandleFact[] = shown.map((h, i) => ({ id: commands[i]!.id, name: h.name, direction: h.direction, time: h.time }));
    return {
      facts: { tool: "candlestick_patterns", symbol: chart.symbol, timeframe: chart.timeframe, requested: wanted, bars, candles },
      commands: [...lead, ...commands],
    };
  },
};
