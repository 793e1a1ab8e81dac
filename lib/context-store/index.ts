import "server-only";
import { serverEnv } from "@/lib/config/env";
import { MemoryContextStore } from "./memory";
import { RedisContextStore } from "./redis";
import type { ChartContextStore } from "./types";

export type { ChartContextStore, DrawingSummary, StoredChartContext } from "./types";
export { DrawingSummarySchema, MAX_STORED_DRAWINGS } from "./types";

const stores = new Map<string, ChartContextStore>();

/** The store the environment asks for: Redis when REDIS_URL is set, else memory; one per setting. */
export function contextStore(): ChartContextStore {
  const env = serverEnv();
  const key = `${env.REDIS_URL ?? "memory"}|${env.CHART_CONTEXT_TTL_S}|${env.CHART_CONTEXT_MAX_ENTRIES}`;
  let store = stores.get(key);
  if (!store) {
    store = env.REDIS_URL
      ? new RedisContextStore(env.REDIS_URL, env.CHART_CONTEXT_TTL_S)
      : new MemoryContextStore(env.CHART_CONTEXT_TTL_S, env.CHART_CONTEXT_MAX_ENTRIES);
    stores.set(key, store);
  }
  return store;
}
