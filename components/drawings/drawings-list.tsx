"use client";

import { useShallow } from "zustand/react/shallow";
import { chartKey, type DrawingMap } from "@/lib/commands/apply";
import { useChartStore, useChartStoreApi } from "@/components/chart/chart-store-provider";
import { describeDrawing } from "@/components/drawings/describe-drawing";
import { drawingTone, indicatorColors, indicatorIds, paletteFor } from "@/components/chart/theme";
import { usePrefersDark } from "@/components/theme/use-prefers-dark";

const NO_DRAWINGS: DrawingMap = {};

/** The drawings on the chart on screen, each removable; they stay with their symbol and timeframe. */
export function DrawingsList() {
  const api = useChartStoreApi();
  const { symbol, timeframe } = useChartStore(useShallow((s) => ({ symbol: s.symbol, timeframe: s.timeframe })));
  const drawings = useChartStore((s) => s.drawingsByChart[chartKey(s.symbol, s.timeframe)] ?? NO_DRAWINGS);
  const items = Object.values(drawings);
  // Indicator swatches show the line's own colour, assigned exactly as the chart assigns it.
  const dark = usePrefersDark(true);
  const colors = indicatorColors(paletteFor(dark), indicatorIds(items));

  return (
    <section className="panel drawings-panel" aria-labelledby="drawings-heading">
      <div className="panel-head">
        <h2 id="drawings-heading">
          Drawings <span className="count">{items.length}</span>
        </h2>
        <button
          type="button"
          className="button-quiet"
          disabled={items.length === 0}
          onClick={() => api.getState().applyCommands([{ type: "clear", scope: "all" }])}
        >
          Clear all
        </button>
      </div>
      {items.length === 0 && (
        <p className="empty">
          Nothing drawn on {symbol} {timeframe} yet. Ask the assistant for levels, trendlines, patterns or an indicator.
        </p>
      )}
      <ul role="list" aria-label={`Drawings on ${symbol} ${timeframe}`} className="drawings">
        {items.map((d) => {
          const { label, detail } = describeDrawing(d);
          return (
            <li key={d.id} className="drawing" data-id={d.id} data-type={d.type}>
              <span className={`swatch tone-${drawingTone(d)}`} style={d.type === "indicator" ? { background: colors.get(d.id) } : undefined} aria-hidden="true" />
              <span className="drawing-text">
                <span className="drawing-label" title={label}>{label}</span>
                {/* The detail only when it adds something: a level's label already names its price. */}
                {d.type === "indicator" || label.includes(detail) ? null : (
                  <span className="drawing-detail" title={detail}>
                    {detail}
                  </span>
                )}
              </span>
              <button
                type="button"
                className="remove"
                aria-label={`Remove ${label}`}
                title={`Remove ${label}`}
                onClick={() => api.getState().removeDrawing(d.id)}
              >
                ×
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
