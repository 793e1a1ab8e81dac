import type { ChartCommand } from "@/lib/commands/schema";
import { getCandles } from "@/lib/market/service";
import { UnknownSymbolError, UpstreamError, type CandleResult } from "@/lib/market/types";
import type { Timeframe } from "@/lib/market/values";
import { snapshotOf, type ChartSnapshot } from "../data/snapshot";
import { ToolError, type ChartState, type ToolContext } from "./types";

/**
 * Moves the request's chart to `symbol`/`timeframe` (defaults: the current chart), returning the
 * commands that make the page follow, so every later drawing lands on the chart it was computed
 * for. A symbol change loads with an explicit timeframe; a timeframe change alone sets it.
 */
export function ensureChart(ctx: ToolContext, symbol: string | undefined, timeframe: Timeframe | undefined): { chart: ChartState; commands: ChartCommand[] } {
  const current = ctx.chart;
  const wantSymbol = symbol ?? current?.symbol;
  if (!wantSymbol) throw new ToolError("needs_symbol", "No chart is loaded and no symbol was given: which symbol should I analyse?");
  const wantTf: Timeframe = timeframe ?? current?.timeframe ?? "1D";
  if (current && current.symbol === wantSymbol && current.timeframe === wantTf) return { chart: current, commands: [] };
  const commands: ChartCommand[] =
    current && current.symbol === wantSymbol
      ? [{ type: "set_timeframe", timeframe: wantTf }]
      : [{ type: "load_symbol", symbol: wantSymbol, timeframe: wantTf }];
  const chart: ChartState = { symbol: wantSymbol, timeframe: wantTf };
  ctx.chart = chart;
  return { chart, commands };
}

/** The contract's default candle request (limit 500) for the chart, made once per answer. */
function candlesFor(ctx: ToolContext, chart: ChartState): Promise<CandleResult> {
  const key = `${chart.symbol}|${chart.timeframe}`;
  let request = ctx.candles.get(key);
  if (!request) {
    request = getCandles({ symbol: chart.symbol, timeframe: chart.timeframe });
    ctx.candles.set(key, request);
  }
  return request;
}

/**
 * Candles for the chart, narrowed to the page's visible range while the page's chart is the one
 * analysed. `wholeSeries` skips the narrowing for what the page draws over every bar (indicators),
 * so a 200-bar average is not reported missing because fewer bars are on screen.
 */
export async function snapshotFor(ctx: ToolContext, chart: ChartState, opts: { wholeSeries?: boolean } = {}): Promise<ChartSnapshot> {
  const initial = ctx.initial;
  const sameAsPage = initial !== null && initial.symbol === chart.symbol && initial.timeframe === chart.timeframe;
  const range = sameAsPage && !opts.wholeSeries ? initial.visible_range : undefined;
  let snap: ChartSnapshot;
  try {
    snap = snapshotOf(await candlesFor(ctx, chart), range);
  } catch (err) {
    if (err instanceof UnknownSymbolError) throw new ToolError("unknown_symbol", `I don't know the symbol ${chart.symbol}.`);
    if (err instanceof UpstreamError) throw new ToolError("upstream", `Market data for ${chart.symbol} is unavailable right now (${err.kind}).`);
    throw err;
  }
  ctx.signal?.throwIfAborted();
  if (snap.cols.length < 2) {
    throw new ToolError("no_data", range ? `Too few ${chart.symbol} ${chart.timeframe} bars in the visible range to analyse; zoom out and ask again.` : `No ${chart.symbol} ${chart.timeframe} data to analyse.`);
  }
  const n = snap.cols.length;
  ctx.data = { source: snap.source, note: snap.note, count: n, from: snap.cols.time[0]!, to: snap.cols.time[n - 1]! };
  return snap;
}

/**
 * "TSLA 1D" for a tool's progress line: the call's own symbol and timeframe, else the chart on
 * screen, the way `ensureChart` will resolve them (before it runs, so nothing is thrown here).
 */
export function targetLabel(target: { symbol?: string; timeframe?: Timeframe }, ctx: ToolContext): string {
  return `${target.symbol ?? ctx.chart?.symbol ?? "the chart"} ${target.timeframe ?? ctx.chart?.timeframe ?? "1D"}`;
}
