import type {
  AutoscaleInfo,
  IChartApi,
  IPrimitivePaneView,
  ISeriesApi,
  ISeriesPrimitive,
  Logical,
  PrimitivePaneViewZOrder,
  SeriesAttachedParameter,
  SeriesType,
  Time,
} from "lightweight-charts";
import type { Projection } from "@/components/chart/primitives/drawing-shapes";
import { ShapesRenderer, type Shape } from "@/components/chart/primitives/shapes";
import type { TimeIndex } from "@/components/chart/time-index";

export interface PriceSpan {
  min: number;
  max: number;
}

/**
 * One drawing as a series primitive: the chart calls `updateAllViews` whenever the view moves,
 * the builder lays the drawing out in pixels, and the pane view hands the same renderer back
 * until the next update. `priceSpan` joins autoscale so a requested drawing stays on screen.
 */
export class ShapePrimitive implements ISeriesPrimitive<Time> {
  private chart: IChartApi | null = null;
  private series: ISeriesApi<SeriesType> | null = null;
  private renderer = new ShapesRenderer([]);
  private readonly views: readonly IPrimitivePaneView[];

  constructor(
    private readonly build: (proj: Projection) => Shape[],
    private readonly timeIndex: TimeIndex,
    private readonly priceSpan: PriceSpan | null,
    zOrder: PrimitivePaneViewZOrder = "normal",
  ) {
    this.views = [{ zOrder: () => zOrder, renderer: () => this.renderer }];
  }

  attached({ chart, series, requestUpdate }: SeriesAttachedParameter<Time>): void {
    this.chart = chart as IChartApi;
    this.series = series;
    requestUpdate();
  }

  detached(): void {
    this.chart = null;
    this.series = null;
    this.renderer = new ShapesRenderer([]);
  }

  paneViews(): readonly IPrimitivePaneView[] {
    return this.views;
  }

  updateAllViews(): void {
    const chart = this.chart;
    const series = this.series;
    if (!chart || !series) return;
    const timeScale = chart.timeScale();
    const proj: Projection = {
      x: (time) => {
        const logical = this.timeIndex.logical(time);
        if (logical === null) return null;
        // logicalToCoordinate answers 0 for a fractional index: interpolate between the two bars around it.
        const i = Math.floor(logical);
        const a = timeScale.logicalToCoordinate(i as Logical);
        const b = timeScale.logicalToCoordinate((i + 1) as Logical);
        return a === null || b === null ? null : a + (logical - i) * (b - a);
      },
      y: (price) => series.priceToCoordinate(price),
      width: timeScale.width(),
    };
    this.renderer = new ShapesRenderer(this.build(proj));
  }

  autoscaleInfo(): AutoscaleInfo | null {
    return this.priceSpan ? { priceRange: { minValue: this.priceSpan.min, maxValue: this.priceSpan.max } } : null;
  }
}
