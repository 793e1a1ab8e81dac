import { z } from "zod";
import { INDICATOR_NAMES, INDICATOR_PARAM_SCHEMAS, type IndicatorCommand, type IndicatorName } from "@/lib/commands/schema";
import { bollinger, ema, macd, rsi, sma, vwap } from "@/lib/analysis/indicators";
import type { CandleColumns } from "@/lib/analysis/types";
import { isIntraday } from "@/lib/market/values";
import { optional, targetShape } from "./args";
import { ensureChart, snapshotFor, targetLabel } from "./chart";
import type { IndicatorFact } from "./facts";
import { round } from "./format";
import type { Tool } from "./types";

const Period = z.number().int().min(1).max(1000);

const IndicatorArg = z.object({
  name: z.enum(INDICATOR_NAMES).describe("sma, ema, rsi, bollinger, macd or vwap. A plain 'moving average' is sma."),
  period: optional(Period).describe("sma/ema/rsi/bollinger period (defaults: sma 20, ema 20, rsi 14, bollinger 20)."),
  stddev: optional(z.number().positive().max(10)).describe("bollinger band width in standard deviations (default 2)."),
  fast: optional(Period).describe("macd fast period (default 12)."),
  slow: optional(Period).describe("macd slow period (default 26)."),
  signal: optional(Period).describe("macd signal period (default 9)."),
});
/** One indicator as asked for; absent parameters take the usual defaults. */
export type IndicatorSpecArg = { name: IndicatorName } & Partial<Record<"period" | "stddev" | "fast" | "slow" | "signal", number | undefined>>;

const args = z.object({
  ...targetShape(),
  indicators: z.array(IndicatorArg).min(1).max(10).describe("One entry per line: '50 and 200 SMA' is two sma entries."),
});

/** The command for one indicator line; the id names the line ("ind-sma-50") so asking twice replaces it. */
export function indicatorCommand(spec: IndicatorSpecArg): IndicatorCommand {
  const name: IndicatorName = spec.name;
  switch (name) {
    case "sma":
    case "ema":
    case "rsi": {
      const period = spec.period ?? (name === "rsi" ? 14 : 20);
      return { type: "indicator", id: `ind-${name}-${period}`, name, params: INDICATOR_PARAM_SCHEMAS[name].parse({ period }) };
    }
    case "bollinger": {
      const params = INDICATOR_PARAM_SCHEMAS.bollinger.parse({ period: spec.period ?? 20, stddev: spec.stddev ?? 2 });
      return { type: "indicator", id: `ind-bollinger-${params.period}-${params.stddev}`, name, params };
    }
    case "macd": {
      const params = INDICATOR_PARAM_SCHEMAS.macd.parse({ fast: spec.fast ?? 12, slow: spec.slow ?? 26, signal: spec.signal ?? 9 });
      return { type: "indicator", id: `ind-macd-${params.fast}-${params.slow}-${params.signal}`, name, params };
    }
    case "vwap":
      return { type: "indicator", id: "ind-vwap", name, params: {} };
  }
}

function lastOf(series: Float64Array): number | null {
  const v = series[series.length - 1];
  return v === undefined || Number.isNaN(v) ? null : round(v, 4);
}

/** Latest values, so the answer can say where price sits against the line. */
function latest(cmd: IndicatorCommand, cols: CandleColumns, intraday: boolean): Record<string, number | null> {
  const p = cmd.params;
  switch (cmd.name) {
    case "sma":
      return { value: lastOf(sma(cols.close, p.period!)) };
    case "ema":
      return { value: lastOf(ema(cols.close, p.period!)) };
    case "rsi":
      return { value: lastOf(rsi(cols.close, p.period!)) };
    case "bollinger": {
      const b = bollinger(cols.close, p.period!, p.stddev!);
      return { upper: lastOf(b.upper), middle: lastOf(b.middle), lower: lastOf(b.lower) };
    }
    case "macd": {
      const m = macd(cols.close, p.fast!, p.slow!, p.signal!);
      return { macd: lastOf(m.macd), signal: lastOf(m.signal), histogram: lastOf(m.histogram) };
    }
    case "vwap":
      // Intraday VWAP restarts each UTC day, as charting platforms show it; on daily bars it is cumulative.
      return { value: lastOf(vwap(cols.high, cols.low, cols.close, cols.volume, intraday ? { time: cols.time, sessionSeconds: 86_400 } : {})) };
  }
}

export const addIndicatorTool: Tool<typeof args> = {
  name: "add_indicator",
  description: "Adds indicator lines to the chart (SMA, EMA, RSI, Bollinger Bands, MACD, VWAP) and reports their latest values.",
  args,
  progress: (a, ctx) => `Adding ${a.indicators.map((i) => i.name.toUpperCase()).join(", ")} on ${targetLabel(a, ctx)}`,
  async run(a, ctx) {
    const { chart, commands: lead } = ensureChart(ctx, a.symbol, a.timeframe);
    const snap = await snapshotFor(ctx, chart, { wholeSeries: true });
    const commands: IndicatorCommand[] = [];
    for (const spec of a.indicators) {
      const cmd = indicatorCommand(spec);
      if (!commands.some((c) => c.id === cmd.id)) commands.push(cmd);
    }
    const indicators: IndicatorFact[] = commands.map((c) => ({ id: c.id, name: c.name, params: c.params, last: latest(c, snap.cols, isIntraday(chart.timeframe)) }));
    return {
      facts: { tool: "add_indicator", symbol: chart.symbol, timeframe: chart.timeframe, last_close: snap.lastClose, indicators },
      commands: [...lead, ...commands],
    };
  },
};
