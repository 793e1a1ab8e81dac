import "server-only";
import { serverEnv } from "@/lib/config/env";
import { AppError } from "@/lib/http/errors";
import { AutoSource } from "./auto";
import { DEFAULT_CANDLE_LIMIT, MAX_CANDLE_LIMIT } from "./limits";
import { MarketCache, ttlMsFor } from "./cache";
import { DemoProvider } from "./demo/provider";
import { singleSource, type CandleSource, type SourcedCandles, type SourcedQuote } from "./source";
import { UnknownSymbolError, UpstreamError, type CandleResult, type ProviderSetting } from "./types";
import { normalizeSymbol, type Timeframe } from "./values";
import { YahooProvider } from "./yahoo";

export { DEFAULT_CANDLE_LIMIT, MAX_CANDLE_LIMIT };
/** Demo data served because live data failed are kept briefly, so live data return soon after the network does. */
const FALLBACK_TTL_MS = 15_000;
const QUOTE_TTL_MS = 15_000;

export interface CandleRequest {
  symbol: string;
  timeframe: Timeframe;
  limit?: number;
}

export interface MarketService {
  readonly setting: ProviderSetting;
  getCandles(opts: CandleRequest): Promise<CandleResult>;
  getQuote(symbol: string): Promise<SourcedQuote>;
}

function clampLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_CANDLE_LIMIT;
  return Math.min(MAX_CANDLE_LIMIT, Math.max(1, Math.floor(limit)));
}

function symbolOrThrow(raw: string): string {
  const symbol = normalizeSymbol(raw);
  if (!symbol) throw new UnknownSymbolError(raw);
  return symbol;
}

/** A service over one source with its own caches; tests build one with fakes. */
export function createMarketService(source: CandleSource, opts: { now?: () => number; maxEntries?: number } = {}): MarketService {
  const candleCache = new MarketCache<SourcedCandles>(opts);
  const quoteCache = new MarketCache<SourcedQuote>(opts);
  return {
    setting: source.setting,
    async getCandles({ symbol: raw, timeframe, limit: rawLimit }) {
      const symbol = symbolOrThrow(raw);
      const limit = clampLimit(rawLimit);
      const ttl = ttlMsFor(timeframe);
      const value = await candleCache.get(`${source.setting}\u0000${symbol}\u0000${timeframe}`, {
        need: limit,
        ttlMs: (v) => (v.note ? Math.min(ttl, FALLBACK_TTL_MS) : ttl),
        load: (n) => source.candles(symbol, timeframe, n),
      });
      const candles = value.candles.length > limit ? value.candles.slice(-limit) : value.candles.slice();
      const result: CandleResult = { symbol, timeframe, source: value.source, candles };
      if (value.note) result.note = value.note;
      return result;
    },
    async getQuote(raw) {
      const symbol = symbolOrThrow(raw);
      return quoteCache.get(`${source.setting}\u0000${symbol}`, {
        ttlMs: (q) => (q.note ? Math.min(QUOTE_TTL_MS, FALLBACK_TTL_MS) : QUOTE_TTL_MS),
        load: () => source.quote(symbol),
      });
    },
  };
}

/** The source `MARKET_DATA_PROVIDER` names. */
export function sourceFor(setting: ProviderSetting, timeoutMs: number): CandleSource {
  switch (setting) {
    case "demo":
      return singleSource(new DemoProvider());
    case "yahoo":
      return singleSource(new YahooProvider({ timeoutMs }));
    case "auto":
      return new AutoSource({ live: new YahooProvider({ timeoutMs }), fallback: new DemoProvider() });
  }
}

let current: { key: string; service: MarketService } | null = null;

/** One service per process, rebuilt when the configuration it was built from changes (tests). */
function service(): MarketService {
  const env = serverEnv();
  const key = `${env.MARKET_DATA_PROVIDER}|${env.MARKET_DATA_TIMEOUT_MS}`;
  if (!current || current.key !== key) {
    current = { key, service: createMarketService(sourceFor(env.MARKET_DATA_PROVIDER, env.MARKET_DATA_TIMEOUT_MS)) };
  }
  return current.service;
}

export function marketDataSetting(): ProviderSetting {
  return serverEnv().MARKET_DATA_PROVIDER;
}

/** The most recent `limit` (default 500, at most 5,000) bars, oldest first. Throws UnknownSymbolError or UpstreamError. */
export function getCandles(opts: CandleRequest): Promise<CandleResult> {
  return service().getCandles(opts);
}

/** Last price and change against the previous session's close. Throws UnknownSymbolError or UpstreamError. */
export function getQuote(symbol: string): Promise<SourcedQuote> {
  return service().getQuote(symbol);
}

/** Drops the process-wide service and its caches (tests). */
export function resetMarketService(): void {
  current = null;
}

/** Market-data failures as the contract's errors; anything else is returned unchanged. */
export function marketAppError(err: unknown): unknown {
  if (err instanceof UnknownSymbolError) {
    return new AppError("unknown_symbol", `unknown symbol ${err.symbol}`, { text: `I couldn't find market data for ${err.symbol}.` });
  }
  if (err instanceof UpstreamError) {
    switch (err.kind) {
      case "timeout":
        return new AppError("upstream_timeout", `market data provider ${err.message}`);
      case "rate_limited":
        return new AppError("rate_limited", `market data provider ${err.message}`, {
          headers: { "retry-after": "30" },
          text: "The market data service is busy; please try again in a moment.",
        });
      case "unavailable":
        return new AppError("upstream_unavailable", `market data provider unavailable: ${err.message}`);
    }
  }
  return err;
}
