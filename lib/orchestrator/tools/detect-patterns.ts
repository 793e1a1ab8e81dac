import { z } from "zod";
import { PATTERN_NAMES, type PatternCommand } from "@/lib/commands/schema";
import { patternCommands } from "@/lib/analysis/commands";
import { lowerBound } from "@/lib/analysis/columns";
import type { CandleColumns, ChartPattern } from "@/lib/analysis/types";
import type { AnswerWidgetRow } from "../types";
import { optional, targetShape } from "./args";
import { ensureChart, snapshotFor, targetLabel } from "./chart";
import type { PatternFact, PatternOutcome } from "./facts";
import { formatPrice, formatSpan, humanName } from "./format";
import type { Tool } from "./types";

const args = z.object({
  ...targetShape(),
  names: optional(z.array(z.enum(PATTERN_NAMES)).min(1).max(PATTERN_NAMES.length)).describe("Only these pattern kinds; omit for all."),
});

/** Patterns drawn at most: the most relevant ones. */
const MAX_PATTERNS = 8;
/** A pattern that ended within this share of the newest bars is recent, whatever happened since. */
const RECENT_SHARE = 0.2;
/**
 * An older pattern stays relevant while its target is unreached and it is not invalidated, but
 * only within this share of the newest bars: a measured move still pending after half the chart
 * has gone by is history, not a setup.
 */
const OPEN_SHARE = 0.5;

/**
 * What price did after the pattern ended: reached the measured-move target, or closed beyond the
 * pattern's extreme (its highest point for a bearish pattern, lowest for a bullish one), which
 * invalidates it; whichever came first. Neutral patterns have no side to judge and stay open. O(bars after).
 */
export function patternOutcome(p: ChartPattern, cols: CandleColumns): { outcome: PatternOutcome; outcome_time: number | null; invalidation: number | null } {
  if (p.direction === "neutral" || p.points.length === 0) return { outcome: "open", outcome_time: null, invalidation: null };
  const bullish = p.direction === "bullish";
  let invalidation = p.points[0]!.price;
  for (const pt of p.points) invalidation = bullish ? Math.min(invalidation, pt.price) : Math.max(invalidation, pt.price);
  const n = cols.length;
  for (let i = Math.min(n, lowerBound(cols.time, p.end_time) + 1); i < n; i++) {
    if (p.target !== undefined && (bullish ? cols.high[i]! >= p.target : cols.low[i]! <= p.target)) {
      return { outcome: "target_reached", outcome_time: cols.time[i]!, invalidation };
    }
    if (bullish ? cols.close[i]! < invalidation : cols.close[i]! > invalidation) return { outcome: "invalidated", outcome_time: cols.time[i]!, invalidation };
  }
  return { outcome: "open", outcome_time: null, invalidation };
}

export const detectPatternsTool: Tool<typeof args> = {
  name: "detect_patterns",
  description:
    "Detects chart patterns (double tops/bottoms, head and shoulders, triangles, wedges, flags, channels) with direction, confidence, status, " +
    "measured-move target and what price did since (target reached, invalidated or still open). Draws the ones still in play " +
    "(ended recently, or target not reached and not invalidated), most recent first; older played-out ones are reported as historical and not drawn.",
  args,
  progress: (a, ctx) => {
    const what = a.names?.length === 1 ? `${humanName(a.names[0]!).toLowerCase()} patterns` : "chart patterns";
    return `Detecting ${what} on ${targetLabel(a, ctx)}`;
  },
  async run(a, ctx) {
    const { chart, commands: lead } = ensureChart(ctx, a.symbol, a.timeframe);
    const snap = await snapshotFor(ctx, chart);
    const { cols } = snap;
    const n = cols.length;
    const wanted = a.names ?? null;
    const found = (snap.analysis("patterns") ?? []).filter((p) => !wanted || wanted.includes(p.name));
    const recentFrom = cols.time[Math.max(0, n - Math.max(1, Math.round(n * RECENT_SHARE)))]!;
    const openFrom = cols.time[Math.max(0, n - Math.max(1, Math.round(n * OPEN_SHARE)))]!;
    const assessed = found.map((p) => {
      const o = patternOutcome(p, cols);
      const recent = p.end_time >= recentFrom;
      const stillOpen = p.direction !== "neutral" && o.outcome === "open" && p.end_time >= openFrom;
      return { p, ...o, recent, relevant: recent || stillOpen };
    });
    // Still in play first, newest first; then the historical ones, newest first.
    assessed.sort((x, y) => Number(y.relevant) - Number(x.relevant) || y.p.end_time - x.p.end_time || y.p.confidence - x.p.confidence);
    const patterns: PatternFact[] = [];
    const rows: AnswerWidgetRow[] = [];
    const commands: PatternCommand[] = [];
    const ids = new Set<string>();
    let relevantDrawn = 0;
    for (const x of assessed) {
      const p = x.p;
      // The command is built from this very pattern (a batch of one: nothing to sort, cut or
      // re-match), so its id and points are the pattern's own. Ids are stable and data-derived,
      // so the facts name even the undrawn ones.
      const cmd = patternCommands([p])[0];
      // The same formation over the same bars is one drawing: the first, most relevant, stands.
      if (!cmd || ids.has(cmd.id)) continue;
      ids.add(cmd.id);
      const drawn = x.relevant && relevantDrawn < MAX_PATTERNS;
      if (drawn) relevantDrawn++;
      patterns.push({
        id: cmd.id,
        name: p.name,
        direction: p.direction,
        confidence: p.confidence,
        status: p.status,
        start_time: p.start_time,
        end_time: p.end_time,
        target: p.target,
        recent: x.recent,
        outcome: x.outcome,
        outcome_time: x.outcome_time,
        invalidation: x.invalidation,
        drawn,
      });
      if (!drawn) continue;
      commands.push(cmd);
      rows.push({
        id: cmd.id,
        title: `${humanName(p.name)} (${p.direction})`,
        detail: [
          formatSpan(p.start_time, p.end_time, chart.timeframe),
          p.status,
          `confidence ${p.confidence.toFixed(2)}`,
          p.target !== undefined ? `target ${formatPrice(p.target)}${x.outcome === "target_reached" ? " (reached)" : ""}` : null,
        ]
          .filter(Boolean)
          .join(" · "),
      });
    }
    return {
      facts: { tool: "detect_patterns", symbol: chart.symbol, timeframe: chart.timeframe, requested: wanted, bars: n, last_close: snap.lastClose, patterns },
      commands: [...lead, ...commands],
      widget: rows.length ? { kind: "patterns", tool: "detect_patterns", symbol: chart.symbol, timeframe: chart.timeframe, rows } : undefined,
    };
  },
};
