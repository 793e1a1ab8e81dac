import { z } from "zod";
import { PATTERN_NAMES } from "@/lib/commands/schema";
import { patternCommands } from "@/lib/analysis/commands";
import type { AnswerWidgetRow } from "../types";
import { optional, targetShape } from "./args";
import { ensureChart, snapshotFor, targetLabel } from "./chart";
import type { PatternFact } from "./facts";
import { formatPrice, humanName } from "./format";
import type { Tool } from "./types";

const args = z.object({
  ...targetShape(),
  names: optional(z.array(z.enum(PATTERN_NAMES)).min(1).max(PATTERN_NAMES.length)).describe("Only these pattern kinds; omit for all."),
});

/** Patterns drawn at most: the most recent ones, as the analysis module orders them. */
const MAX_PATTERNS = 8;

export const detectPatternsTool: Tool<typeof args> = {
  name: "detect_patterns",
  description:
    "Detects chart patterns (double tops/bottoms, head and shoulders, triangles, wedges, flags, channels) with direction, confidence, status and measured-move target, and draws them.",
  args,
  progress: (a, ctx) => {
    const what = a.names?.length === 1 ? `${humanName(a.names[0]!).toLowerCase()} patterns` : "chart patterns";
    return `Detecting ${what} on ${targetLabel(a, ctx)}`;
  },
  async run(a, ctx) {
    const { chart, commands: lead } = ensureChart(ctx, a.symbol, a.timeframe);
    const snap = await snapshotFor(ctx, chart);
    const wanted = a.names ?? null;
    const found = (snap.analysis("patterns") ?? []).filter((p) => !wanted || wanted.includes(p.name));
    const commands = patternCommands(found, { maxPatterns: MAX_PATTERNS });
    const keyOf = (name: string, points: readonly { time: number }[]) => `${name}|${points[0]?.time}|${points.at(-1)?.time}`;
    const byKey = new Map(found.map((p) => [keyOf(p.name, p.points), p]));
    const patterns: PatternFact[] = [];
    const rows: AnswerWidgetRow[] = [];
    for (const cmd of commands) {
      const p = byKey.get(keyOf(cmd.name, cmd.points));
      if (!p) continue;
      patterns.push({ id: cmd.id, name: p.name, direction: p.direction, confidence: p.confidence, status: p.status, start_time: p.start_time, end_time: p.end_time, target: p.target });
      rows.push({
        id: cmd.id,
        title: `${humanName(p.name)} (${p.direction})`,
        detail: [`confidence ${p.confidence.toFixed(2)}`, p.status, p.target !== undefined ? `target ${formatPrice(p.target)}` : null].filter(Boolean).join(" · "),
      });
    }
    return {
      facts: { tool: "detect_patterns", symbol: chart.symbol, timeframe: chart.timeframe, requested: wanted, bars: snap.cols.length, last_close: snap.lastClose, patterns },
      commands: [...lead, ...commands],
      widget: rows.length ? { kind: "patterns", tool: "detect_patterns", symbol: chart.symbol, timeframe: chart.timeframe, rows } : undefined,
    };
  },
};
