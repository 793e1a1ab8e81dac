import {
  createSeriesMarkers,
  LineStyle,
  type IChartApi,
  type ISeriesApi,
  type ISeriesMarkersPluginApi,
  type SeriesMarker,
  type Time,
  type UTCTimestamp,
} from "lightweight-charts";
import type { DrawingCommand, HorizontalLineCommand, MarkerCommand, PatternCommand } from "@/lib/commands/schema";
import type { Candle } from "@/lib/market/types";
import type { Timeframe } from "@/lib/market/values";
import { toColumns } from "@/lib/analysis/columns";
import type { CandleColumns } from "@/lib/analysis/types";
import { addIndicator } from "@/components/chart/indicator-series";
import { fibonacciLevels, fibonacciShapes, patternShapes, trendlineShapes, zoneShapes } from "@/components/chart/primitives/drawing-shapes";
import { ShapePrimitive, type PriceSpan } from "@/components/chart/primitives/shape-primitive";
import { directionColor, indicatorColors, indicatorIds, markerColor, roleColor, type ChartPalette } from "@/components/chart/theme";
import { TimeIndex } from "@/components/chart/time-index";

interface Entry {
  cmd: DrawingCommand;
  /** The indicator colour it was drawn with; a change (an earlier indicator removed) redraws it. */
  color: string | undefined;
  dispose: () => void;
}

function span(prices: readonly number[]): PriceSpan {
  return { min: Math.min(...prices), max: Math.max(...prices) };
}

const MARKER_SHAPES = { arrow_up: "arrowUp", arrow_down: "arrowDown", circle: "circle" } as const;

/**
 * Reconciles the store's drawings for the chart on screen into lightweight-charts objects:
 * price lines, series primitives, series markers, indicator series. A drawing is rebuilt only
 * when its command object changed (the store replaces by id); new data or a theme switch
 * rebuilds everything, since every position and indicator value depends on them.
 */
export class DrawingRenderer {
  private readonly entries = new Map<string, Entry>();
  private readonly markers: ISeriesMarkersPluginApi<Time>;
  private drawings: readonly DrawingCommand[] = [];
  private timeIndex = new TimeIndex([]);
  private columns: CandleColumns = toColumns([]);
  private timeframe: Timeframe = "1D";

  constructor(
    private readonly chart: IChartApi,
    private readonly series: ISeriesApi<"Candlestick">,
    private palette: ChartPalette,
  ) {
    this.markers = createSeriesMarkers(series, []);
  }

  setData(candles: readonly Candle[], timeframe: Timeframe): void {
    this.columns = toColumns(candles);
    this.timeIndex = new TimeIndex(this.columns.time);
    this.timeframe = timeframe;
    this.rebuild();
  }

  setPalette(palette: ChartPalette): void {
    this.palette = palette;
    this.rebuild();
  }

  sync(drawings: readonly DrawingCommand[]): void {
    const next = new Map(drawings.map((d) => [d.id, d]));
    const colors = indicatorColors(this.palette, indicatorIds(drawings));
    for (const [id, entry] of this.entries) {
      if (next.get(id) !== entry.cmd || colors.get(id) !== entry.color) {
        entry.dispose();
        this.entries.delete(id);
      }
    }
    for (const d of drawings) {
      if (this.entries.has(d.id)) continue;
      const color = colors.get(d.id);
      this.entries.set(d.id, { cmd: d, color, dispose: this.create(d, color) });
    }
    this.drawings = drawings;
    this.syncMarkers();
  }

  dispose(): void {
    for (const entry of this.entries.values()) entry.dispose();
    this.entries.clear();
    this.markers.detach();
  }

  private rebuild(): void {
    for (const entry of this.entries.values()) entry.dispose();
    this.entries.clear();
    this.sync(this.drawings);
  }

  private attach(primitive: ShapePrimitive): () => void {
    this.series.attachPrimitive(primitive);
    return () => this.series.detachPrimitive(primitive);
  }

  private priceLine(cmd: HorizontalLineCommand): () => void {
    const line = this.series.createPriceLine({
      id: cmd.id,
      price: cmd.price,
      color: cmd.color ?? roleColor(this.palette, cmd.role),
      lineWidth: cmd.strength !== undefined && cmd.strength >= 0.7 ? 2 : 1,
      lineStyle: cmd.role === "level" ? LineStyle.Dashed : LineStyle.Solid,
      lineVisible: true,
      axisLabelVisible: true,
      title: cmd.label,
    });
    return () => this.series.removePriceLine(line);
  }

  private pattern(cmd: PatternCommand): () => void {
    const p = this.palette;
    const prices = cmd.points.map((pt) => pt.price);
    if (cmd.target !== undefined) prices.push(cmd.target);
    const detach = this.attach(new ShapePrimitive((proj) => patternShapes(cmd, proj, p), this.timeIndex, span(prices), "top"));
    if (cmd.target === undefined) return detach;
    const target = this.series.createPriceLine({
      id: `${cmd.id}:target`,
      price: cmd.target,
      color: directionColor(p, cmd.direction),
      lineWidth: 1,
      lineStyle: LineStyle.LargeDashed,
      lineVisible: true,
      axisLabelVisible: true,
      title: "Target",
    });
    return () => {
      detach();
      this.series.removePriceLine(target);
    };
  }

  private create(cmd: DrawingCommand, color: string | undefined): () => void {
    const p = this.palette;
    switch (cmd.type) {
      case "horizontal_line":
        return this.priceLine(cmd);
      case "zone":
        return this.attach(
          new ShapePrimitive((proj) => zoneShapes(cmd, proj, p), this.timeIndex, span([cmd.from_price, cmd.to_price]), "bottom"),
        );
      case "trendline":
        return this.attach(
          new ShapePrimitive((proj) => trendlineShapes(cmd, proj, p), this.timeIndex, span([cmd.start.price, cmd.end.price])),
        );
      case "pattern":
        return this.pattern(cmd);
      case "fibonacci":
        return this.attach(
          new ShapePrimitive((proj) => fibonacciShapes(cmd, proj, p), this.timeIndex, span(fibonacciLevels(cmd).map((l) => l.price)), "bottom"),
        );
      case "indicator":
        if (this.columns.time.length === 0) return () => undefined;
        return addIndicator({ chart: this.chart, cmd, columns: this.columns, timeframe: this.timeframe, palette: p, color: color ?? p.indicators[0] as string });
      case "marker":
        // Markers share one plugin; syncMarkers sets them all at once.
        return () => undefined;
    }
  }

  private marker(cmd: MarkerCommand): SeriesMarker<Time> | null {
    const i = this.timeIndex.atOrBefore(cmd.time);
    const time = this.timeIndex.timeAt(i);
    if (time === undefined) return null;
    return {
      id: cmd.id,
      time: time as UTCTimestamp,
      position: cmd.position === "above" ? "aboveBar" : "belowBar",
      shape: MARKER_SHAPES[cmd.shape],
      color: markerColor(this.palette, cmd.shape),
      text: cmd.text,
    };
  }

  private syncMarkers(): void {
    const list: SeriesMarker<Time>[] = [];
    for (const d of this.drawings) {
      if (d.type !== "marker") continue;
      const m = this.marker(d);
      if (m) list.push(m);
    }
    list.sort((a, b) => (a.time as number) - (b.time as number));
    this.markers.setMarkers(list);
  }
}
