"use client";

import { useEffect } from "react";
import { useChartStore } from "@/components/chart/chart-store-provider";

/** Keeps `?symbol=&timeframe=` in step with the chart, so the address bar is always a deep link. */
export function useUrlSync(): void {
  const symbol = useChartStore((s) => s.symbol);
  const timeframe = useChartStore((s) => s.timeframe);

  useEffect(() => {
    const url = new URL(window.location.href);
    if (url.searchParams.get("symbol") === symbol && url.searchParams.get("timeframe") === timeframe) return;
    url.searchParams.set("symbol", symbol);
    url.searchParams.set("timeframe", timeframe);
    // replaceState: switching charts should not fill the back button's history.
    window.history.replaceState(window.history.state, "", url);
  }, [symbol, timeframe]);
}
