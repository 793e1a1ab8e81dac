"use client";

import { useEffect } from "react";
import { useChartStoreApi } from "@/components/chart/chart-store-provider";
import { loadDrawings, saveDrawings } from "@/components/chart/drawings-storage";

/** Restores saved drawings after hydration (the server has none) and saves every change. */
export function useDrawingsPersistence(): void {
  const api = useChartStoreApi();

  useEffect(() => {
    const saved = loadDrawings(window.localStorage);
    if (Object.keys(saved).length > 0) api.getState().restoreDrawings(saved);
    return api.subscribe((state, prev) => {
      if (state.drawingsByChart !== prev.drawingsByChart) saveDrawings(window.localStorage, state.drawingsByChart);
    });
  }, [api]);
}
