import { createStore, type StoreApi } from "zustand/vanilla";
import { applyCommandBatch, chartKey, drawingsOf, type ApplyResult, type DrawingMap } from "@/lib/commands/apply";
import type { DrawingCommand } from "@/lib/commands/schema";
import type { Candle, DataSource } from "@/lib/market/types";
import {
  normalizeSymbol,
  normalizeTimeframe,
  type ChartContext,
  type Timeframe,
  type VisibleRange,
} from "@/lib/market/values";
import { describeDrawing } from "@/components/drawings/describe-drawing";

/** The chart's state: the one source the chart, the drawings list, the chat and the bridge read from. */

export type CandleStatus = "loading" | "error" | "ready";

export interface CandleState {
  status: CandleStatus;
  /** `chartKey` of the chart these candles belong to: a stale response never paints another chart. */
  key: string;
  candles: readonly Candle[];
  source?: DataSource;
  /** The provider's reason for serving demo data, shown beside the badge. */
  note?: string;
  error?: string;
}

export interface DrawingSummary {
  id: string;
  type: DrawingCommand["type"];
  label?: string;
}

export interface ChartStoreState {
  symbol: string;
  timeframe: Timeframe;
  data: CandleState;
  /** Bumped to ask the loader for the same chart again (the error state's Retry). */
  reloadToken: number;
  visibleRange: VisibleRange | null;
  /** Changes whenever the data a reader sees change: chart, bars, visible range. */
  snapshotId: string;
  drawingsByChart: Readonly<Record<string, DrawingMap>>;

  applyCommands(input: unknown[]): ApplyResult;
  removeDrawing(id: string): boolean;
  /** False (and no change) when `symbol` is not a valid ticker. */
  setSymbol(symbol: string): boolean;
  /** Accepts the contract's aliases; false for anything else. */
  setTimeframe(timeframe: string): boolean;
  chartContext(): ChartContext;
  drawingsSummary(): DrawingSummary[];

  setCandleState(data: CandleState): void;
  setVisibleRange(range: VisibleRange | null): void;
  reloadCandles(): void;
  /** Adds drawings restored from storage under the ones already applied in this page load. */
  restoreDrawings(saved: Readonly<Record<string, DrawingMap>>): void;
}

export type ChartStore = StoreApi<ChartStoreState>;

export interface ChartStoreInit {
  symbol: string;
  timeframe: Timeframe;
  drawingsByChart?: Readonly<Record<string, DrawingMap>>;
}

/** FNV-1a, 32 bit, as 8 hex digits: short, stable and cheap. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, "0");
}

export function computeSnapshotId(s: Pick<ChartStoreState, "symbol" | "timeframe" | "data" | "visibleRange">): string {
  const { candles } = s.data;
  const last = candles.length > 0 ? candles[candles.length - 1] : undefined;
  const range = s.visibleRange ? `${s.visibleRange.from}-${s.visibleRange.to}` : "all";
  const basis = `${s.symbol}|${s.timeframe}|${s.data.status}|${candles.length}|${last?.time ?? 0}|${last?.close ?? 0}|${range}`;
  return `snap-${fnv1a(basis)}`;
}

const NO_CANDLES: readonly Candle[] = [];

/** The candles on screen when they belong to the current chart, else none (a stable empty array, safe as a selector). */
export function currentCandles(s: Pick<ChartStoreState, "symbol" | "timeframe" | "data">): readonly Candle[] {
  return s.data.key === chartKey(s.symbol, s.timeframe) ? s.data.candles : NO_CANDLES;
}

export function createChartStore(init: ChartStoreInit): ChartStore {
  return createStore<ChartStoreState>()((set, get) => {
    /** Every change of chart or data refreshes the snapshot id in the same update. */
    const withSnapshot = (patch: Partial<ChartStoreState>): Partial<ChartStoreState> => {
      const next = { ...get(), ...patch };
      return { ...patch, snapshotId: computeSnapshotId(next) };
    };

    /** The patch that moves to another chart: its candles start loading and the old range no longer applies. */
    const chartPatch = (symbol: string, timeframe: Timeframe): Partial<ChartStoreState> => ({
      symbol,
      timeframe,
      visibleRange: null,
      data: { status: "loading", key: chartKey(symbol, timeframe), candles: [] },
    });

    const switchChart = (symbol: string, timeframe: Timeframe) => {
      const s = get();
      if (s.symbol === symbol && s.timeframe === timeframe) return;
      set(withSnapshot(chartPatch(symbol, timeframe)));
    };

    const initialData: CandleState = { status: "loading", key: chartKey(init.symbol, init.timeframe), candles: [] };
    return {
      symbol: init.symbol,
      timeframe: init.timeframe,
      data: initialData,
      reloadToken: 0,
      visibleRange: null,
      snapshotId: computeSnapshotId({ symbol: init.symbol, timeframe: init.timeframe, data: initialData, visibleRange: null }),
      drawingsByChart: init.drawingsByChart ?? {},

      applyCommands(input) {
        const s = get();
        const candles = currentCandles(s);
        const lastClose = candles.length > 0 ? candles[candles.length - 1]?.close : undefined;
        const outcome = applyCommandBatch(s, input, { visibleRange: s.visibleRange ?? undefined, lastClose });
        for (const warning of outcome.warnings) console.warn(`[chart] ${warning}`);
        const next = outcome.state;
        if (next === s) return outcome.result;
        const switched = next.symbol !== s.symbol || next.timeframe !== s.timeframe;
        const patch: Partial<ChartStoreState> = switched ? chartPatch(next.symbol, next.timeframe) : {};
        if (next.drawingsByChart !== s.drawingsByChart) patch.drawingsByChart = next.drawingsByChart;
        set(switched ? withSnapshot(patch) : patch);
        return outcome.result;
      },

      removeDrawing(id) {
        const result = get().applyCommands([{ type: "remove", id }]);
        return result.applied.length === 1;
      },

      setSymbol(symbol) {
        const normalized = normalizeSymbol(symbol.replace(/^\s*\$/, ""));
        if (!normalized) return false;
        switchChart(normalized, get().timeframe);
        return true;
      },

      setTimeframe(timeframe) {
        const normalized = normalizeTimeframe(timeframe);
        if (!normalized) return false;
        switchChart(get().symbol, normalized);
        return true;
      },

      chartContext() {
        const s = get();
        return {
          symbol: s.symbol,
          timeframe: s.timeframe,
          snapshot_id: s.snapshotId,
          visible_range: s.visibleRange ? { ...s.visibleRange } : undefined,
        };
      },

      drawingsSummary() {
        return drawingsOf(get()).map((d) => ({ id: d.id, type: d.type, label: describeDrawing(d).label }));
      },

      setCandleState(data) {
        if (data.key !== chartKey(get().symbol, get().timeframe)) return;
        set(withSnapshot({ data }));
      },

      setVisibleRange(range) {
        const prev = get().visibleRange;
        if (prev === range || (prev && range && prev.from === range.from && prev.to === range.to)) return;
        set(withSnapshot({ visibleRange: range }));
      },

      reloadCandles() {
        set((s) => ({ reloadToken: s.reloadToken + 1 }));
      },

      restoreDrawings(saved) {
        const merged: Record<string, DrawingMap> = { ...saved };
        for (const [key, map] of Object.entries(get().drawingsByChart)) merged[key] = { ...saved[key], ...map };
        set({ drawingsByChart: merged });
      },
    };
  });
}
