"use client";

import { useEffect } from "react";
import type { ChartStore } from "@/components/chart/chart-store";
import { contextPutBody } from "./publish-context";

export const CHART_CONTEXT_URL = "/api/chart-context";
/** Scrolling changes the visible range many times a second: publish once it settles. */
const DEBOUNCE_MS = 500;

/**
 * Publishes the chart on screen (symbol, timeframe, snapshot, visible range, drawings) whenever
 * it changes, so the webhook and MCP's `user_id` calls act on what the user is looking at.
 */
export function usePublishChartContext(store: ChartStore): void {
  useEffect(() => {
    let lastSent = "";
    let timer: ReturnType<typeof setTimeout> | undefined;
    const controller = new AbortController();

    const publish = () => {
      const body = contextPutBody(store.getState());
      if (body === lastSent) return;
      lastSent = body;
      fetch(CHART_CONTEXT_URL, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        credentials: "same-origin",
        body,
        signal: controller.signal,
      })
        .then((res) => {
          if (!res.ok) lastSent = "";
        })
        .catch(() => {
          // Offline or navigating away: the next change publishes again.
          lastSent = "";
        });
    };
    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(publish, DEBOUNCE_MS);
    };

    publish();
    const unsubscribe = store.subscribe((state, prev) => {
      if (
        state.symbol !== prev.symbol ||
        state.timeframe !== prev.timeframe ||
        state.snapshotId !== prev.snapshotId ||
        state.drawingsByChart !== prev.drawingsByChart
      ) {
        schedule();
      }
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
      controller.abort();
    };
  }, [store]);
}
