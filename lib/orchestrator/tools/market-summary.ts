import { z } from "zod";
import { getQuote } from "@/lib/market/service";
import { targetShape } from "./args";
import { ensureChart, snapshotFor, targetLabel } from "./chart";
import { round } from "./format";
import type { Tool } from "./types";

const args = z.object(targetShape());

export const marketSummaryTool: Tool<typeof args> = {
  name: "market_summary",
  description: "Last price, change on the day, change and range over the bars on the chart, and the trend direction and strength.",
  args,
  progress: (a, ctx) => `Summarising ${targetLabel(a, ctx)}`,
  async run(a, ctx) {
    const { chart, commands: lead } = ensureChart(ctx, a.symbol, a.timeframe);
    const snap = await snapshotFor(ctx, chart);
    const { cols } = snap;
    const n = cols.length;
    let high = -Infinity;
    let low = Infinity;
    for (let i = 0; i < n; i++) {
      if (cols.high[i]! > high) high = cols.high[i]!;
      if (cols.low[i]! < low) low = cols.low[i]!;
    }
    const first = cols.close[0]!;
    const last = snap.lastClose;
    // The quote has the day's change; when it fails the last two bars still tell the story.
    let price = last;
    let change = n > 1 ? last - cols.close[n - 2]! : 0;
    let asOf = cols.time[n - 1]!;
    try {
      const q = await getQuote(chart.symbol);
      price = q.price;
      change = q.change;
      asOf = q.time;
    } catch {
      // Candle-based figures stand.
    }
    const base = price - change;
    return {
      facts: {
        tool: "market_summary",
        symbol: chart.symbol,
        timeframe: chart.timeframe,
        last_price: price,
        change: round(change, 6),
        change_pct: base !== 0 ? round((change / base) * 100, 2) : 0,
        period_change_pct: round(((last - first) / first) * 100, 2),
        period_high: high,
        period_low: low,
        bars: n,
        as_of: asOf,
        trend: snap.analysis("trend") ?? { direction: "sideways", strength: 0 },
      },
      commands: lead,
    };
  },
};
