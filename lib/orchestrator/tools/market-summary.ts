import { z } from "zod";
import { getQuote } from "@/lib/market/service";
import { targetShape } from "./args";
import { ensureChart, snapshotFor, targetLabel } from "./chart";
import { TREND_BARS } from "@/lib/analysis/trend";
import { round } from "./format";
import type { Tool } from "./types";

const args = z.object(targetShape());

/** The quote is used when it is within this share of the chart's last close. */
const QUOTE_AGREEMENT = 0.002;

export const marketSummaryTool: Tool<typeof args> = {
  name: "market_summary",
  description:
    "Last price, change on the day, change and range over the bars on the chart, and the trend direction and strength (judged over the newest trend_bars bars, with their change).",
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
    // The trend is judged over the newest TREND_BARS bars; their change goes with it, so a
    // "sideways" verdict is never set beside a larger move over a longer window without its own number.
    const trendBars = Math.min(n, TREND_BARS);
    const trendFirst = cols.close[n - trendBars]!;
    // The quote has the day's change; when it fails, or speaks of another price than the chart's
    // last bar (a stale quote, or data sets that disagree), the last two bars tell the story.
    const price = last;
    let change = n > 1 ? last - cols.close[n - 2]! : 0;
    let changeBasis: "day" | "bar" = "bar";
    let asOf = cols.time[n - 1]!;
    try {
      const q = await getQuote(chart.symbol);
      // The price stays the chart's last close, so the answer matches the bars on screen; the quote
      // lends its previous close (the day's reference) only when it speaks of the same price.
      if (Math.abs(q.price - last) <= last * QUOTE_AGREEMENT) {
        change = last - (q.price - q.change);
        changeBasis = "day";
        asOf = Math.max(asOf, q.time);
      }
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
        change_basis: changeBasis,
        period_change_pct: round(((last - first) / first) * 100, 2),
        period_high: high,
        period_low: low,
        bars: n,
        as_of: asOf,
        trend: snap.analysis("trend") ?? { direction: "sideways", strength: 0 },
        trend_bars: trendBars,
        trend_change_pct: round(((last - trendFirst) / trendFirst) * 100, 2),
      },
      commands: lead,
    };
  },
};
