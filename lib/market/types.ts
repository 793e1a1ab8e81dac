import { z } from "zod";
import type { Timeframe } from "./values";

/** One bar as the contract and every provider return it: unix seconds at the bar's open. */
export const CandleSchema = z
  .object({
    time: z.number().int(),
    open: z.number().positive().finite(),
    high: z.number().positive().finite(),
    low: z.number().positive().finite(),
    close: z.number().positive().finite(),
    volume: z.number().finite().min(0).default(0),
  })
  .refine((c) => c.low <= Math.min(c.open, c.close), { message: "low must be <= min(open, close)", path: ["low"] })
  .refine((c) => Math.max(c.open, c.close) <= c.high, { message: "high must be >= max(open, close)", path: ["high"] });
export type Candle = z.output<typeof CandleSchema>;

export const DATA_SOURCES = ["demo", "yahoo"] as const;
export type DataSource = (typeof DATA_SOURCES)[number];
export type ProviderSetting = DataSource | "auto";

export interface Quote {
  symbol: string;
  price: number;
  /** Change against the previous session's close. */
  change: number;
  changePercent: number;
  time: number;
  source: DataSource;
}

/** The seam between market data and everything else; each implementation validates what it returns. */
export interface MarketDataProvider {
  readonly name: DataSource;
  /** The most recent `limit` bars, oldest first. Throws UnknownSymbolError or UpstreamError. */
  candles(symbol: string, timeframe: Timeframe, limit: number): Promise<Candle[]>;
  quote(symbol: string): Promise<Quote>;
}

export interface CandleResult {
  symbol: string;
  timeframe: Timeframe;
  source: DataSource;
  /** Why `auto` served demo data, in words a trader reads. */
  note?: string;
  candles: Candle[];
}

export class UnknownSymbolError extends Error {
  constructor(readonly symbol: string) {
    super(`unknown symbol ${symbol}`);
    this.name = "UnknownSymbolError";
  }
}

export class UpstreamError extends Error {
  constructor(
    message: string,
    readonly kind: "unavailable" | "timeout" | "rate_limited",
  ) {
    super(message);
    this.name = "UpstreamError";
  }
}
