import {
  CandlestickSeries,
  ColorType,
  createChart,
  HistogramSeries,
  type IChartApi,
  type ISeriesApi,
  type LogicalRange,
  type UTCTimestamp,
} from "lightweight-charts";
import type { DrawingCommand } from "@/lib/commands/schema";
import type { Candle } from "@/lib/market/types";
import type { Timeframe, VisibleRange } from "@/lib/market/values";
import { DrawingRenderer } from "@/components/chart/drawing-renderer";
import type { ChartPalette } from "@/components/chart/theme";

const THOUSANDS = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/**
 * Axis and crosshair prices: thousands separators where a trader expects them (BTC at 99,343.63,
 * not 99343.63), two decimals for ordinary prices, significant digits below 1 (FX, oscillators).
 */
export function formatAxisPrice(price: number): string {
  const abs = Math.abs(price);
  if (abs >= 1000) return THOUSANDS.format(price);
  if (abs >= 1 || price === 0) return price.toFixed(2);
  return price.toPrecision(4);
}

/** Bars shown when a chart first loads: enough history to read, recent enough to see. */
const INITIAL_BARS = 160;

/**
 * The one lightweight-charts instance of the page: created once, fed with setData when the
 * candles change, restyled when the system theme changes, never rebuilt. React owns when;
 * this class owns how.
 */
export class ChartController {
  private readonly chart: IChartApi;
  private readonly candles: ISeriesApi<"Candlestick">;
  private readonly volume: ISeriesApi<"Histogram">;
  private readonly renderer: DrawingRenderer;
  private lastCandles: readonly Candle[] = [];
  private times: readonly number[] = [];
  private dataKey = "";
  private palette: ChartPalette;

  constructor(
    container: HTMLElement,
    palette: ChartPalette,
    private readonly onVisibleRange: (range: VisibleRange | null) => void,
  ) {
    this.palette = palette;
    this.chart = createChart(container, {
      autoSize: true,
      layout: { attributionLogo: true, fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif" },
      localization: { priceFormatter: formatAxisPrice },
      timeScale: { timeVisible: true, secondsVisible: false, rightOffset: 8 },
      rightPriceScale: { scaleMargins: { top: 0.08, bottom: 0.24 } },
      crosshair: { mode: 0 },
    });
    this.candles = this.chart.addSeries(CandlestickSeries, { priceLineVisible: true });
    this.volume = this.chart.addSeries(HistogramSeries, {
      priceScaleId: "volume",
      priceFormat: { type: "volume" },
      lastValueVisible: false,
      priceLineVisible: false,
    });
    // Volume sits in the bottom fifth of the price pane on its own hidden scale.
    this.chart.priceScale("volume").applyOptions({ scaleMargins: { top: 0.8, bottom: 0 }, visible: false });
    this.renderer = new DrawingRenderer(this.chart, this.candles, palette);
    this.applyPalette(palette);
    this.chart.timeScale().subscribeVisibleLogicalRangeChange(this.handleRange);
  }

  setPalette(palette: ChartPalette): void {
    this.palette = palette;
    this.applyPalette(palette);
    this.volume.setData(this.volumeData(this.lastCandles));
    this.renderer.setPalette(palette);
  }

  setData(key: string, candles: readonly Candle[], timeframe: Timeframe): void {
    this.lastCandles = candles;
    this.times = candles.map((c) => c.time);
    this.candles.setData(
      candles.map((c) => ({ time: c.time as UTCTimestamp, open: c.open, high: c.high, low: c.low, close: c.close })),
    );
    this.volume.setData(this.volumeData(candles));
    this.renderer.setData(candles, timeframe);
    if (key !== this.dataKey && candles.length > 0) {
      this.dataKey = key;
      const n = candles.length;
      if (n <= INITIAL_BARS) this.chart.timeScale().fitContent();
      else this.chart.timeScale().setVisibleLogicalRange({ from: n - INITIAL_BARS, to: n + 4 });
    }
    this.handleRange(this.chart.timeScale().getVisibleLogicalRange());
  }

  setDrawings(drawings: readonly DrawingCommand[]): void {
    this.renderer.sync(drawings);
  }

  dispose(): void {
    this.chart.timeScale().unsubscribeVisibleLogicalRangeChange(this.handleRange);
    this.renderer.dispose();
    this.chart.remove();
  }

  private volumeData(candles: readonly Candle[]) {
    const { volumeUp, volumeDown } = this.palette;
    return candles.map((c) => ({ time: c.time as UTCTimestamp, value: c.volume, color: c.close >= c.open ? volumeUp : volumeDown }));
  }

  private applyPalette(p: ChartPalette): void {
    this.chart.applyOptions({
      layout: {
        background: { type: ColorType.Solid, color: p.background },
        textColor: p.text,
        panes: { separatorColor: p.border },
      },
      grid: { vertLines: { color: p.grid }, horzLines: { color: p.grid } },
      rightPriceScale: { borderColor: p.border },
      timeScale: { borderColor: p.border },
    });
    this.candles.applyOptions({
      upColor: p.up,
      downColor: p.down,
      borderUpColor: p.up,
      borderDownColor: p.down,
      wickUpColor: p.up,
      wickDownColor: p.down,
    });
  }

  /** The visible bars' first and last times: what "the visible range" means to the chat and the analysis. */
  private readonly handleRange = (range: LogicalRange | null): void => {
    const n = this.times.length;
    if (!range || n === 0) {
      this.onVisibleRange(null);
      return;
    }
    const from = Math.min(n - 1, Math.max(0, Math.ceil(range.from)));
    const to = Math.max(0, Math.min(n - 1, Math.floor(range.to)));
    if (from > to) {
      this.onVisibleRange(null);
      return;
    }
    this.onVisibleRange({ from: this.times[from] as number, to: this.times[to] as number });
  };
}
