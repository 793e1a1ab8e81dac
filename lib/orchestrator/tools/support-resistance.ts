import { z } from "zod";
import type { ChartCommand, HorizontalLineCommand } from "@/lib/commands/schema";
import type { Level } from "@/lib/analysis/types";
import { optional, targetShape } from "./args";
import { chartLabel, ensureChart, snapshotFor } from "./chart";
import type { LevelFact } from "./facts";
import { formatPrice, formatTime, plural, round } from "./format";
import type { Tool } from "./types";

const args = z.object({
  ...targetShape(),
  role: optional(z.enum(["both", "support", "resistance"])).describe("Which levels: both (default), support only or resistance only."),
  max_levels: optional(z.number().int().min(1).max(8)).describe("Levels per side, nearest to the price first (default 3)."),
});

const DEFAULT_PER_SIDE = 3;

function sameLevel(cmd: HorizontalLineCommand, level: Level): boolean {
  return cmd.role === level.role && Math.abs(cmd.price - level.price) <= Math.abs(level.price) * 1e-9;
}

export const supportResistanceTool: Tool<typeof args> = {
  name: "support_resistance",
  description:
    "Finds horizontal support and resistance levels from swing points (touches, strength, last touch) and draws the ones nearest the price.",
  args,
  progress: (a, ctx) => {
    const what = a.role === "support" ? "support" : a.role === "resistance" ? "resistance" : "support and resistance";
    const chart = { symbol: a.symbol ?? ctx.chart?.symbol ?? "the chart", timeframe: a.timeframe ?? ctx.chart?.timeframe ?? "1D" };
    return `Finding ${what} on ${chartLabel(chart)}`;
  },
  async run(a, ctx) {
    const { chart, commands: lead } = ensureChart(ctx, a.symbol, a.timeframe);
    const snap = await snapshotFor(ctx, chart);
    const role = a.role ?? "both";
    const perSide = a.max_levels ?? DEFAULT_PER_SIDE;
    const sr = snap.analysis("support_resistance");
    const close = snap.lastClose;
    const levels = sr?.levels ?? [];
    const pick = (side: "support" | "resistance") =>
      role !== "both" && role !== side
        ? []
        : levels
            .filter((l) => l.role === side)
            .sort((x, y) => Math.abs(x.price - close) - Math.abs(y.price - close))
            .slice(0, perSide);
    const chosen = [...pick("support"), ...pick("resistance")];

    const all = snap.commands("support_resistance");
    const lines = all.filter((c): c is HorizontalLineCommand => c.type === "horizontal_line");
    const drawn: ChartCommand[] = [];
    const facts: { support: LevelFact[]; resistance: LevelFact[] } = { support: [], resistance: [] };
    const rows = [];
    for (const level of chosen) {
      const cmd = lines.find((c) => sameLevel(c, level));
      if (!cmd) continue;
      drawn.push(cmd);
      const fact: LevelFact = {
        id: cmd.id,
        price: level.price,
        touches: level.touches,
        strength: level.strength,
        last_time: level.last_time,
        distance_pct: round(((level.price - close) / close) * 100, 2),
      };
      facts[level.role].push(fact);
      rows.push({
        id: cmd.id,
        title: `${level.role === "support" ? "Support" : "Resistance"} ${formatPrice(level.price)}`,
        detail: `${plural(level.touches, "touch", "touches")} · strength ${level.strength.toFixed(2)} · last ${formatTime(level.last_time, chart.timeframe)}`,
      });
    }
    // Zones that hold a drawn level show how wide the level is.
    for (const z of all) {
      if (z.type !== "zone") continue;
      const lo = Math.min(z.from_price, z.to_price);
      const hi = Math.max(z.from_price, z.to_price);
      if (chosen.some((l) => l.role === z.role && l.price >= lo && l.price <= hi)) drawn.push(z);
    }
    return {
      facts: {
        tool: "support_resistance",
        symbol: chart.symbol,
        timeframe: chart.timeframe,
        role,
        last_close: close,
        bars: snap.cols.length,
        support: facts.support,
        resistance: facts.resistance,
      },
      commands: [...lead, ...drawn],
      widget: rows.length ? { kind: "levels", tool: "support_resistance", symbol: chart.symbol, timeframe: chart.timeframe, rows } : undefined,
    };
  },
};
