import { z } from "zod";
import type { MarkerCommand } from "@/lib/commands/schema";
import { CANDLESTICK_NAMES } from "@/lib/analysis/types";
import { optional, targetShape } from "./args";
import { chartLabel, ensureChart, snapshotFor } from "./chart";
import type { CandleFact } from "./facts";
import type { Tool } from "./types";

const args = z.object({
  ...targetShape(),
  names: optional(z.array(z.enum(CANDLESTICK_NAMES)).min(1).max(CANDLESTICK_NAMES.length)).describe("Only these candlestick patterns; omit for all."),
  recent_bars: optional(z.number().int().min(1).max(5000)).describe("Only hits within the last N bars (default 50)."),
});

const DEFAULT_RECENT_BARS = 50;

export const candlestickPatternsTool: Tool<typeof args> = {
  name: "candlestick_patterns",
  description: "Finds candlestick patterns (engulfing, hammer, doji, stars, harami, ...) in recent bars and marks them on the chart.",
  args,
  progress: (a, ctx) =>
    `Scanning candlestick patterns on ${chartLabel({ symbol: a.symbol ?? ctx.chart?.symbol ?? "the chart", timeframe: a.timeframe ?? ctx.chart?.timeframe ?? "1D" })}`,
  async run(a, ctx) {
    const { chart, commands: lead } = ensureChart(ctx, a.symbol, a.timeframe);
    const snap = await snapshotFor(ctx, chart);
    const wanted = a.names ?? null;
    const n = snap.cols.length;
    const since = snap.cols.time[Math.max(0, n - (a.recent_bars ?? DEFAULT_RECENT_BARS))]!;
    const hits = (snap.analysis("candlesticks") ?? []).filter((h) => h.time >= since && (!wanted || wanted.includes(h.name)));
    const markers = snap.commands("candlesticks").filter((c): c is MarkerCommand => c.type === "marker");
    const drawn: MarkerCommand[] = [];
    const candles: CandleFact[] = [];
    for (const h of hits) {
      // A bar can carry several patterns; the analysis gives each its own marker id naming the pattern.
      const cmd = markers.find((m) => m.time === h.time && m.id.includes(h.name)) ?? markers.find((m) => m.time === h.time);
      if (!cmd || drawn.includes(cmd)) continue;
      drawn.push(cmd);
      candles.push({ id: cmd.id, name: h.name, direction: h.direction, time: h.time });
    }
    return {
      facts: { tool: "candlestick_patterns", symbol: chart.symbol, timeframe: chart.timeframe, requested: wanted, bars: Math.min(n, a.recent_bars ?? DEFAULT_RECENT_BARS), candles },
      commands: [...lead, ...drawn],
    };
  },
};
