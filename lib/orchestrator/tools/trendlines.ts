import { z } from "zod";
import { trendlineCommands } from "@/lib/analysis/commands";
import type { Trendline } from "@/lib/analysis/types";
import { targetShape } from "./args";
import { ensureChart, snapshotFor, targetLabel } from "./chart";
import { round } from "./format";
import type { Tool } from "./types";

const args = z.object(targetShape());

/** Where the line stands at `time`, extended along its slope. */
function lineAt(t: Trendline, time: number): number {
  const span = t.end.time - t.start.time;
  if (span === 0) return t.end.price;
  return t.start.price + ((t.end.price - t.start.price) * (time - t.start.time)) / span;
}

export const trendlinesTool: Tool<typeof args> = {
  name: "trendlines",
  description: "Finds rising/falling trendlines (and a channel when support and resistance run parallel) through at least three swing points, and draws them.",
  args,
  progress: (a, ctx) => `Drawing trendlines on ${targetLabel(a, ctx)}`,
  async run(a, ctx) {
    const { chart, commands: lead } = ensureChart(ctx, a.symbol, a.timeframe);
    const snap = await snapshotFor(ctx, chart);
    const found = snap.analysis("trendlines") ?? [];
    // Extended to the right: the answer quotes where each line stands at the last bar, so the chart shows it there too.
    const commands = trendlineCommands(found).map((c) => ({ ...c, extend: "right" as const }));
    const lastTime = snap.cols.time[snap.cols.length - 1]!;
    const lines = found.map((t, i) => ({
      id: commands[i]!.id,
      role: t.role,
      touches: t.touches,
      price_now: round(lineAt(t, lastTime), 6),
      slope_per_bar: t.slope_per_bar,
      start_time: t.start.time,
      end_time: t.end.time,
    }));
    return {
      facts: { tool: "trendlines", symbol: chart.symbol, timeframe: chart.timeframe, last_close: snap.lastClose, bars: snap.cols.length, lines },
      commands: [...lead, ...commands],
    };
  },
};
