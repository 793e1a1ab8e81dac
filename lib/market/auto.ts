import { log } from "@/lib/log/logger";
import type { CandleSource, SourcedCandles, SourcedQuote } from "./source";
import { UnknownSymbolError, UpstreamError, type MarketDataProvider } from "./types";
import type { Timeframe } from "./values";

export const AUTO_COOL_DOWN_MS = 60_000;

export interface AutoSourceOptions {
  live: MarketDataProvider;
  fallback: MarketDataProvider;
  /** How long a failed live provider is left alone before it is tried again. */
  coolDownMs?: number;
  /** Milliseconds since the epoch. */
  now?: () => number;
}

export function fallbackNote(reason: string): string {
  return `Live data unavailable (${reason}); showing demo data`;
}

/**
 * Live data when they come, demo data with the reason when they do not. A failure puts the
 * live provider on a cool-down, so a dead network costs one timeout a minute, not one per
 * request. An unknown symbol is an answer, not a failure: it passes through.
 */
export class AutoSource implements CandleSource {
  readonly setting = "auto" as const;
  private readonly coolDownMs: number;
  private readonly now: () => number;
  private downUntil = 0;
  private downReason = "";

  constructor(private readonly opts: AutoSourceOptions) {
    this.coolDownMs = opts.coolDownMs ?? AUTO_COOL_DOWN_MS;
    this.now = opts.now ?? Date.now;
  }

  private async attempt<T>(live: () => Promise<T>, fallback: () => Promise<T>): Promise<{ value: T; note?: string }> {
    if (this.now() < this.downUntil) return { value: await fallback(), note: fallbackNote(this.downReason) };
    try {
      return { value: await live() };
    } catch (err) {
      if (err instanceof UnknownSymbolError) throw err;
      this.downReason = err instanceof UpstreamError ? err.message : "unexpected error";
      this.downUntil = this.now() + this.coolDownMs;
      log.warn("live market data failed; serving demo data", { reason: this.downReason, retry_in_ms: this.coolDownMs });
      return { value: await fallback(), note: fallbackNote(this.downReason) };
    }
  }

  async candles(symbol: string, timeframe: Timeframe, limit: number): Promise<SourcedCandles> {
    const { live, fallback } = this.opts;
    let source = live.name;
    const { value, note } = await this.attempt(
      () => live.candles(symbol, timeframe, limit),
      () => {
        source = fallback.name;
        return fallback.candles(symbol, timeframe, limit);
      },
    );
    return note ? { source, note, candles: value } : { source, candles: value };
  }

  async quote(symbol: string): Promise<SourcedQuote> {
    const { live, fallback } = this.opts;
    const { value, note } = await this.attempt(
      () => live.quote(symbol),
      () => fallback.quote(symbol),
    );
    return note ? { ...value, note } : value;
  }
}
