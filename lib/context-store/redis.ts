import "server-only";
import { redisClient } from "@/lib/redis/client";
import { log } from "@/lib/log/logger";
import type { ChartContext } from "@/lib/market/values";
import { StoredChartContextSchema, type ChartContextStore, type DrawingSummary, type StoredChartContext } from "./types";

const KEY_PREFIX = "chart-ctx:";

/** Shared by every instance on one Redis; Redis expires the entries (SET ... EX). */
export class RedisContextStore implements ChartContextStore {
  readonly kind = "redis" as const;

  constructor(
    private readonly url: string,
    private readonly ttlS: number,
  ) {}

  async put(userId: string, ctx: ChartContext, drawings: DrawingSummary[]): Promise<void> {
    const value: StoredChartContext = { chart_context: ctx, drawings, updated_at: new Date().toISOString() };
    await redisClient(this.url).set(KEY_PREFIX + userId, JSON.stringify(value), "EX", this.ttlS);
  }

  async get(userId: string): Promise<StoredChartContext | null> {
    const raw = await redisClient(this.url).get(KEY_PREFIX + userId);
    if (raw === null) return null;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      json = null;
    }
    const parsed = StoredChartContextSchema.safeParse(json);
    if (!parsed.success) {
      // Someone else's data under our key, or an older format: treat as absent rather than fail the request.
      log.warn("unreadable chart context in redis", { userId });
      return null;
    }
    return parsed.data;
  }
}
