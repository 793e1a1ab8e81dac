import type { Candle, MarketDataProvider, Quote } from "../types";
import { barCalendar } from "../sessions";
import type { Timeframe } from "../values";
import { demoCandles } from "./generator";
import { symbolProfile } from "./profiles";

export interface DemoProviderOptions {
  /** Milliseconds since the epoch; injected by tests to move time. */
  now?: () => number;
}

/** The embedded market: every valid symbol has data, nothing leaves the process. */
export class DemoProvider implements MarketDataProvider {
  readonly name = "demo" as const;
  private readonly now: () => number;

  constructor(opts: DemoProviderOptions = {}) {
    this.now = opts.now ?? Date.now;
  }

  private nowSec(): number {
    return Math.floor(this.now() / 1000);
  }

  async candles(symbol: string, timeframe: Timeframe, limit: number): Promise<Candle[]> {
    return demoCandles({ symbol, timeframe, limit, nowSec: this.nowSec() });
  }

  /** Last price from the daily series (the chart a quote is compared with), stamped at the latest minute bar. */
  async quote(symbol: string): Promise<Quote> {
    const nowSec = this.nowSec();
    const [prev, last] = demoCandles({ symbol, timeframe: "1D", limit: 2, nowSec }) as [Candle, Candle];
    const minute = barCalendar(symbolProfile(symbol).calendar, "1m");
    const change = last.close - prev.close;
    const decimals = symbolProfile(symbol).decimals;
    return {
      symbol,
      price: last.close,
      change: Number(change.toFixed(decimals)),
      changePercent: Number(((change / prev.close) * 100).toFixed(2)),
      time: minute.timeOf(minute.latestIndex(nowSec)),
      source: "demo",
    };
  }
}
