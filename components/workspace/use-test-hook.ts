"use client";

import { useEffect } from "react";
import type { ApplyResult } from "@/lib/commands/apply";
import { currentCandles, type DrawingSummary } from "@/components/chart/chart-store";
import { useChartStoreApi } from "@/components/chart/chart-store-provider";
import type { ChartContext } from "@/lib/market/values";

export interface ChartTestHook {
  apply(commands: unknown[]): ApplyResult;
  removeDrawing(id: string): boolean;
  state(): {
    context: ChartContext;
    status: "loading" | "error" | "ready";
    source: string | null;
    candleCount: number;
    /** Last close and the loaded bars' lowest low and highest high: enough to place test drawings. */
    lastClose: number | null;
    low: number | null;
    high: number | null;
    drawings: DrawingSummary[];
  };
}

declare global {
  interface Window {
    __chart?: ChartTestHook;
  }
}

/**
 * `window.__chart` for end-to-end tests and debugging, attached only when the page was opened
 * with `?e2e=1`. It reaches nothing a script on the page could not already do through the UI:
 * the user's own chart state in this tab.
 */
export function useTestHook(): void {
  const api = useChartStoreApi();

  useEffect(() => {
    if (new URLSearchParams(window.location.search).get("e2e") !== "1") return;
    window.__chart = {
      apply: (commands) => api.getState().applyCommands(commands),
      removeDrawing: (id) => api.getState().removeDrawing(id),
      state: () => {
        const s = api.getState();
        const candles = currentCandles(s);
        let low = Infinity;
        let high = -Infinity;
        for (const c of candles) {
          low = Math.min(low, c.low);
          high = Math.max(high, c.high);
        }
        return {
          context: s.chartContext(),
          status: s.data.status,
          source: s.data.source ?? null,
          candleCount: candles.length,
          lastClose: candles[candles.length - 1]?.close ?? null,
          low: candles.length > 0 ? low : null,
          high: candles.length > 0 ? high : null,
          drawings: s.drawingsSummary(),
        };
      },
    };
    return () => {
      delete window.__chart;
    };
  }, [api]);
}
