import type { Timeframe } from "./values";

/** Fresh enough for a chart of that timeframe: about a quarter of a bar for short bars, minutes for long ones. */
const TTL_MS: Record<Timeframe, number> = {
  "1m": 15_000,
  "5m": 30_000,
  "15m": 60_000,
  "30m": 60_000,
  "1h": 120_000,
  "4h": 300_000,
  "1D": 300_000,
  "1W": 900_000,
  "1M": 1_800_000,
};

export function ttlMsFor(timeframe: Timeframe): number {
  return TTL_MS[timeframe];
}

export interface CacheOptions {
  maxEntries?: number;
  /** Milliseconds since the epoch. */
  now?: () => number;
}

export interface CacheRequest<V> {
  /** How much the caller needs (candles: the limit); an entry or fetch that holds at least this much serves it. */
  need?: number;
  /** Time to live of a value just loaded. */
  ttlMs: number | ((value: V) => number);
  load: (need: number) => Promise<V>;
}

interface Entry<V> {
  value: V;
  size: number;
  expiresAt: number;
}

interface Pending<V> {
  size: number;
  promise: Promise<V>;
}

/**
 * In-process cache for market data: least recently used entries go first past `maxEntries`,
 * concurrent requests for a key share one load (the larger request's, so a 500-bar request
 * rides on a 5,000-bar one), failures are not kept.
 */
export class MarketCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly pending = new Map<string, Pending<V>>();
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(opts: CacheOptions = {}) {
    this.maxEntries = opts.maxEntries ?? 500;
    this.now = opts.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
    this.pending.clear();
  }

  async get(key: string, req: CacheRequest<V>): Promise<V> {
    const need = req.need ?? 1;
    const entry = this.entries.get(key);
    if (entry) {
      if (entry.expiresAt > this.now() && entry.size >= need) {
        this.entries.delete(key);
        this.entries.set(key, entry);
        return entry.value;
      }
      if (entry.expiresAt <= this.now()) this.entries.delete(key);
    }
    const inFlight = this.pending.get(key);
    if (inFlight && inFlight.size >= need) return inFlight.promise;

    const promise = req.load(need);
    const mine: Pending<V> = { size: need, promise };
    this.pending.set(key, mine);
    try {
      const value = await promise;
      this.store(key, value, need, typeof req.ttlMs === "function" ? req.ttlMs(value) : req.ttlMs);
      return value;
    } finally {
      if (this.pending.get(key) === mine) this.pending.delete(key);
    }
  }

  private store(key: string, value: V, size: number, ttlMs: number): void {
    const now = this.now();
    const current = this.entries.get(key);
    // A smaller load finishing after a larger one must not replace it.
    if (current && current.expiresAt > now && current.size > size) return;
    this.entries.delete(key);
    this.entries.set(key, { value, size, expiresAt: now + ttlMs });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}
