import type { Candle, DataSource, MarketDataProvider, ProviderSetting, Quote } from "./types";
import type { Timeframe } from "./values";

/** Candles with the provider that served them and, when `auto` fell back, why. */
export interface SourcedCandles {
  source: DataSource;
  /** Why `auto` served demo data, in words a trader reads. */
  note?: string;
  candles: Candle[];
}

export type SourcedQuote = Quote & { note?: string };

/** What the service reads from: one provider, or `auto` choosing between two. */
export interface CandleSource {
  readonly setting: ProviderSetting;
  candles(symbol: string, timeframe: Timeframe, limit: number): Promise<SourcedCandles>;
  quote(symbol: string): Promise<SourcedQuote>;
}

export function singleSource(provider: MarketDataProvider): CandleSource {
  return {
    setting: provider.name,
    candles: async (symbol, timeframe, limit) => ({ source: provider.name, candles: await provider.candles(symbol, timeframe, limit) }),
    quote: (symbol) => provider.quote(symbol),
  };
}
