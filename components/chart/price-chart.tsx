"use client";

import { useEffect, useRef } from "react";
import { useShallow } from "zustand/react/shallow";
import { chartKey, type DrawingMap } from "@/lib/commands/apply";
import type { VisibleRange } from "@/lib/market/values";
import { ChartController } from "@/components/chart/chart-controller";
import { useChartStore, useChartStoreApi } from "@/components/chart/chart-store-provider";
import { indicatorColors, indicatorIds, paletteFor } from "@/components/chart/theme";
import { indicatorTitle } from "@/components/drawings/describe-drawing";
import { usePrefersDark } from "@/components/theme/use-prefers-dark";

const NO_DRAWINGS: DrawingMap = {};

/** The candlestick chart with its drawings, a loading overlay and a readable error state. */
export function PriceChart() {
  const api = useChartStoreApi();
  const containerRef = useRef<HTMLDivElement>(null);
  const controllerRef = useRef<ChartController | null>(null);
  // Server render: dark (the CSS follows the real preference anyway).
  const dark = usePrefersDark(true);
  const { symbol, timeframe, data } = useChartStore(useShallow((s) => ({ symbol: s.symbol, timeframe: s.timeframe, data: s.data })));
  const drawings = useChartStore((s) => s.drawingsByChart[chartKey(s.symbol, s.timeframe)] ?? NO_DRAWINGS);
  const key = chartKey(symbol, timeframe);
  const candles = data.key === key ? data.candles : null;

  // Created once; effects below run after this one in the same commit, so the ref is set for them.
  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    let frame = 0;
    let pending: VisibleRange | null = null;
    // Scrolling fires this every frame: publish at most once per animation frame.
    const onRange = (range: VisibleRange | null) => {
      pending = range;
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        api.getState().setVisibleRange(pending);
      });
    };
    const controller = new ChartController(container, paletteFor(true), onRange);
    controllerRef.current = controller;
    return () => {
      cancelAnimationFrame(frame);
      controllerRef.current = null;
      controller.dispose();
    };
  }, [api]);

  useEffect(() => {
    controllerRef.current?.setPalette(paletteFor(dark));
  }, [dark]);

  useEffect(() => {
    if (candles) controllerRef.current?.setData(key, candles, timeframe);
  }, [key, candles, timeframe]);

  useEffect(() => {
    controllerRef.current?.setDrawings(Object.values(drawings));
  }, [drawings]);

  const label = `${symbol} ${timeframe} chart`;
  const list = Object.values(drawings);
  const colors = indicatorColors(paletteFor(dark), indicatorIds(list));
  return (
    <div className="chart-frame">
      <div ref={containerRef} className="chart-canvas" role="img" aria-label={label} data-status={data.status} />
      {/* A legend like a trading terminal's: which chart this is, and which line is which indicator. */}
      <div className="chart-legend" aria-hidden="true">
        <span className="chart-legend-title">
          {symbol} · {timeframe}
        </span>
        {list.map((d) =>
          d.type === "indicator" ? (
            <span key={d.id} className="chart-legend-item">
              <span className="chart-legend-swatch" style={{ background: colors.get(d.id) }} />
              {indicatorTitle(d.name, d.params)}
            </span>
          ) : null,
        )}
      </div>
      {data.status === "loading" && (
        <div className="chart-overlay" role="status">
          <span className="spinner" aria-hidden="true" />
          Loading {symbol} {timeframe}…
        </div>
      )}
      {data.status === "error" && (
        <div className="chart-overlay chart-overlay-error" role="alert">
          <p>
            Couldn&apos;t load {symbol} {timeframe}: {data.error}
          </p>
          <button type="button" onClick={() => api.getState().reloadCandles()}>
            Retry
          </button>
        </div>
      )}
      {data.status === "ready" && data.candles.length === 0 && (
        <div className="chart-overlay" role="status">
          No bars for {symbol} {timeframe}.
        </div>
      )}
    </div>
  );
}
