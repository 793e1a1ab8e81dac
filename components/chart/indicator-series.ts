import { HistogramSeries, LineSeries, LineStyle, type IChartApi, type ISeriesApi, type LineData, type SeriesType, type Time, type UTCTimestamp } from "lightweight-charts";
import type { IndicatorCommand } from "@/lib/commands/schema";
import { bollinger, ema, macd, rsi, sma, vwap } from "@/lib/analysis/indicators";
import type { CandleColumns } from "@/lib/analysis/types";
import { isIntraday, TIMEFRAME_SECONDS, type Timeframe } from "@/lib/market/values";
import { indicatorTitle } from "@/components/drawings/describe-drawing";
import { withAlpha, type ChartPalette } from "@/components/chart/theme";

const DAY_SECONDS = TIMEFRAME_SECONDS["1D"];

/**
 * VWAP as the chart draws it: restarting each UTC day on intraday bars, cumulative on daily and
 * longer ones (as the orchestrator's add_indicator reports it). Where the session has no volume
 * yet, and so no VWAP, the line shows the bar's typical price, so a volume-less series (FX,
 * indices) still gets a line.
 */
export function vwapLine({ time, high, low, close, volume }: CandleColumns, timeframe: Timeframe): Float64Array {
  const out = vwap(high, low, close, volume, isIntraday(timeframe) ? { time, sessionSeconds: DAY_SECONDS } : {});
  for (let i = 0; i < out.length; i++) {
    if (Number.isNaN(out[i])) out[i] = ((high[i] as number) + (low[i] as number) + (close[i] as number)) / 3;
  }
  return out;
}

/** An oscillator pane's share against the price pane's 1: stays readable when RSI and MACD both show. */
const OSCILLATOR_STRETCH = 0.3;

function lineData(time: Float64Array, values: Float64Array): LineData<Time>[] {
  const out: LineData<Time>[] = [];
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    if (!Number.isNaN(value)) out.push({ time: time[i] as UTCTimestamp, value });
  }
  return out;
}

const QUIET = { priceLineVisible: false, crosshairMarkerVisible: false, lastValueVisible: false } as const;

/**
 * Adds one indicator command to the chart as line (and histogram) series: overlays on the price
 * pane, RSI and MACD in a pane of their own below it. Returns the undo.
 */
export function addIndicator(args: {
  chart: IChartApi;
  cmd: IndicatorCommand;
  columns: CandleColumns;
  timeframe: Timeframe;
  palette: ChartPalette;
  /** From indicatorColors, so the chart, its legend and the drawings list agree. */
  color: string;
}): () => void {
  const { chart, cmd, columns, timeframe, palette, color } = args;
  const title = indicatorTitle(cmd.name, cmd.params);
  const { time, close } = columns;
  const added: ISeriesApi<SeriesType>[] = [];
  const line = (values: Float64Array, options: { color: string; pane?: number; main?: boolean; dashed?: boolean }) => {
    const series = chart.addSeries(
      LineSeries,
      {
        ...QUIET,
        color: options.color,
        lineWidth: options.main ? 2 : 1,
        lineStyle: options.dashed ? LineStyle.Dashed : LineStyle.Solid,
        lastValueVisible: Boolean(options.main),
        title: options.main ? title : "",
      },
      options.pane ?? 0,
    );
    series.setData(lineData(time, values));
    added.push(series);
    return series;
  };
  const p = cmd.params;

  switch (cmd.name) {
    case "sma":
      line(sma(close, p.period as number), { color, main: true });
      break;
    case "ema":
      line(ema(close, p.period as number), { color, main: true });
      break;
    case "vwap":
      line(vwapLine(columns, timeframe), { color, main: true });
      break;
    case "bollinger": {
      const bands = bollinger(close, p.period as number, p.stddev as number);
      line(bands.upper, { color });
      line(bands.middle, { color, main: true, dashed: true });
      line(bands.lower, { color });
      break;
    }
    case "rsi": {
      const pane = chart.panes().length;
      const series = line(rsi(close, p.period as number), { color, pane, main: true });
      for (const level of [70, 30]) {
        series.createPriceLine({ price: level, color: palette.level, lineWidth: 1, lineStyle: LineStyle.Dashed, axisLabelVisible: false, title: "" });
      }
      series.getPane().setStretchFactor(OSCILLATOR_STRETCH);
      break;
    }
    case "macd": {
      const pane = chart.panes().length;
      const m = macd(close, p.fast as number, p.slow as number, p.signal as number);
      const hist = chart.addSeries(HistogramSeries, { ...QUIET, priceFormat: { type: "price", precision: 2, minMove: 0.01 } }, pane);
      const bars = [];
      for (let i = 0; i < m.histogram.length; i++) {
        const value = m.histogram[i] as number;
        if (Number.isNaN(value)) continue;
        bars.push({ time: time[i] as UTCTimestamp, value, color: withAlpha(value >= 0 ? palette.support : palette.resistance, 0.5) });
      }
      hist.setData(bars);
      added.push(hist);
      line(m.macd, { color, pane, main: true });
      line(m.signal, { color: palette.marker, pane });
      hist.getPane().setStretchFactor(OSCILLATOR_STRETCH);
      break;
    }
  }

  return () => {
    // Removing a pane's last series removes the empty pane too.
    for (const series of added) chart.removeSeries(series);
  };
}
