import { z } from "zod";
import { levelCommands } from "@/lib/analysis/commands";
import type { Level, Zone } from "@/lib/analysis/types";
import type { AnswerWidgetRow } from "../types";
import { optional, targetShape } from "./args";
import { ensureChart, snapshotFor, targetLabel } from "./chart";
import type { LevelFact } from "./facts";
import { formatPrice, formatTime, plural, round } from "./format";
import type { Tool } from "./types";

const args = z.object({
  ...targetShape(),
  role: optional(z.enum(["both", "support", "resistance"])).describe("Which levels: both (default), support only or resistance only."),
  zones: optional(z.boolean()).describe("Also draw each level's zone: the price band its swings turned in (supply/demand zones). Default false."),
  max_levels: optional(z.number().int().min(1).max(8)).describe("Levels per side, nearest to the price first (default 3)."),
});

const DEFAULT_PER_SIDE = 3;

export const supportResistanceTool: Tool<typeof args> = {
  name: "support_resistance",
  description:
    "Finds horizontal support (below the last close) and resistance (above it) from swing points, with touches, strength and last touch, and draws the ones nearest the price.",
  args,
  progress: (a, ctx) => {
    const what = a.role === "support" ? "support" : a.role === "resistance" ? "resistance" : "support and resistance";
    return `Finding ${what} on ${targetLabel(a, ctx)}`;
  },
  async run(a, ctx) {
    const { chart, commands: lead } = ensureChart(ctx, a.symbol, a.timeframe);
    const snap = await snapshotFor(ctx, chart);
    const role = a.role ?? "both";
    const perSide = a.max_levels ?? DEFAULT_PER_SIDE;
    const close = snap.lastClose;
    const sr = snap.analysis("support_resistance");
    const levels = sr?.levels ?? [];
    // Zones come index-aligned with the levels; they travel with their level through the choice.
    const zoneOf = new Map<Level, Zone>();
    levels.forEach((l, i) => {
      const zone = sr?.zones[i];
      if (zone) zoneOf.set(l, zone);
    });
    const nearest = (side: Level["role"]): Level[] =>
      role !== "both" && role !== side
        ? []
        : levels
            .filter((l) => l.role === side)
            .sort((x, y) => Math.abs(x.price - close) - Math.abs(y.price - close))
            .slice(0, perSide);
    const chosen = [...nearest("support"), ...nearest("resistance")];
    const withZones = a.zones === true;
    const zones: Zone[] = withZones
      ? chosen.map((l) => zoneOf.get(l) ?? { from_price: l.price, to_price: l.price, role: l.role })
      : [];
    const commands = levelCommands({ levels: chosen, zones }, { maxLevels: chosen.length, zones: withZones });
    const lineIds = commands.filter((c) => c.type === "horizontal_line").map((c) => c.id);

    const facts: Record<Level["role"], LevelFact[]> = { support: [], resistance: [] };
    const rows: AnswerWidgetRow[] = [];
    chosen.forEach((level, i) => {
      const id = lineIds[i]!;
      const zone = withZones ? zones[i] : undefined;
      facts[level.role].push({
        id,
        price: level.price,
        touches: level.touches,
        strength: level.strength,
        last_time: level.last_time,
        distance_pct: round(((level.price - close) / close) * 100, 2),
        ...(zone ? { zone: { from: Math.min(zone.from_price, zone.to_price), to: Math.max(zone.from_price, zone.to_price) } } : {}),
      });
      rows.push({
        id,
        title: `${level.role === "support" ? "Support" : "Resistance"} ${formatPrice(level.price)}`,
        detail: `${plural(level.touches, "touch", "touches")} · strength ${level.strength.toFixed(2)} · last ${formatTime(level.last_time, chart.timeframe)}`,
      });
    });
    return {
      facts: { tool: "support_resistance", symbol: chart.symbol, timeframe: chart.timeframe, role, zones: withZones, last_close: close, bars: snap.cols.length, ...facts },
      commands: [...lead, ...commands],
      widget: rows.length ? { kind: "levels", tool: "support_resistance", symbol: chart.symbol, timeframe: chart.timeframe, rows } : undefined,
    };
  },
};
