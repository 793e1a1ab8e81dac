import type { ChartContext } from "@/lib/market/values";
import type { ChartContextStore, DrawingSummary, StoredChartContext } from "./types";

interface Entry {
  value: StoredChartContext;
  expiresAt: number;
}

/**
 * In-process store with a TTL and an LRU cap. A Map keeps insertion order, so re-inserting on
 * every read or write makes its first key the least recently used one: O(1) eviction.
 */
export class MemoryContextStore implements ChartContextStore {
  readonly kind = "memory" as const;
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlS: number,
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {}

  async put(userId: string, ctx: ChartContext, drawings: DrawingSummary[]): Promise<void> {
    const at = this.now();
    this.entries.delete(userId);
    this.entries.set(userId, {
      value: { chart_context: ctx, drawings, updated_at: new Date(at).toISOString() },
      expiresAt: at + this.ttlS * 1000,
    });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  async get(userId: string): Promise<StoredChartContext | null> {
    const entry = this.entries.get(userId);
    if (!entry) return null;
    this.entries.delete(userId);
    if (entry.expiresAt <= this.now()) return null;
    this.entries.set(userId, entry);
    return entry.value;
  }

  get size(): number {
    return this.entries.size;
  }
}
