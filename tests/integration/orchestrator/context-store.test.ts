import { randomUUID } from "node:crypto";
import { MemoryContextStore } from "@/lib/context-store/memory";
import { RedisContextStore } from "@/lib/context-store/redis";
import type { ChartContextStore } from "@/lib/context-store/types";
import { contextStore } from "@/lib/context-store";
import { resetServerEnv } from "@/lib/config/env";
import { closeRedisClients, redisClient } from "@/lib/redis/client";

const REDIS = process.env.REDIS_TEST_URL!;
const ctx = (symbol: string) => ({ symbol, timeframe: "1D" as const, snapshot_id: undefined, visible_range: { from: 1_700_000_000, to: 1_710_000_000 } });

afterAll(async () => {
  await closeRedisClients();
});

describe.each([
  ["memory", () => new MemoryContextStore(60, 100)],
  ["redis", () => new RedisContextStore(REDIS, 60)],
] as const)("%s chart-context store", (_kind, make) => {
  let store: ChartContextStore;
  beforeEach(() => {
    store = make();
  });

  it("returns what was put, per user", async () => {
    const a = `user-${randomUUID()}`;
    const b = `user-${randomUUID()}`;
    await store.put(a, ctx("TSLA"), [{ id: "sr-s-212.40", type: "horizontal_line", label: "Support 212.40" }]);
    await store.put(b, ctx("NVDA"), []);
    const got = await store.get(a);
    expect(got?.chart_context).toMatchObject({ symbol: "TSLA", timeframe: "1D", visible_range: { from: 1_700_000_000, to: 1_710_000_000 } });
    expect(got?.drawings).toEqual([{ id: "sr-s-212.40", type: "horizontal_line", label: "Support 212.40" }]);
    expect(Date.parse(got!.updated_at)).toBeGreaterThan(Date.now() - 5000);
    expect((await store.get(b))?.chart_context.symbol).toBe("NVDA");
  });

  it("replaces an earlier entry", async () => {
    const u = `user-${randomUUID()}`;
    await store.put(u, ctx("TSLA"), [{ id: "x", type: "zone" }]);
    await store.put(u, ctx("AAPL"), []);
    const got = await store.get(u);
    expect(got?.chart_context.symbol).toBe("AAPL");
    expect(got?.drawings).toEqual([]);
  });

  it("knows nothing of a user that never published", async () => {
    expect(await store.get(`nobody-${randomUUID()}`)).toBeNull();
  });
});

describe("memory store limits", () => {
  it("expires entries after the TTL", async () => {
    let now = 1_000_000;
    const store = new MemoryContextStore(10, 100, () => now);
    await store.put("u", ctx("TSLA"), []);
    now += 9_999;
    expect(await store.get("u")).not.toBeNull();
    now += 2;
    expect(await store.get("u")).toBeNull();
  });

  it("evicts the least recently used entry past the cap", async () => {
    const store = new MemoryContextStore(60, 3);
    await store.put("a", ctx("A1"), []);
    await store.put("b", ctx("B1"), []);
    await store.put("c", ctx("C1"), []);
    await store.get("a"); // a is now the most recently used
    await store.put("d", ctx("D1"), []);
    expect(await store.get("b")).toBeNull();
    expect(await store.get("a")).not.toBeNull();
    expect(await store.get("c")).not.toBeNull();
    expect(await store.get("d")).not.toBeNull();
    expect(store.size).toBe(3);
  });
});

describe("redis store", () => {
  it("sets the TTL on the key", async () => {
    const store = new RedisContextStore(REDIS, 42);
    const u = `user-${randomUUID()}`;
    await store.put(u, ctx("TSLA"), []);
    const ttl = await redisClient(REDIS).ttl(`chart-ctx:${u}`);
    expect(ttl).toBeGreaterThan(40);
    expect(ttl).toBeLessThanOrEqual(42);
  });

  it("treats a corrupt entry as absent instead of failing", async () => {
    const u = `user-${randomUUID()}`;
    await redisClient(REDIS).set(`chart-ctx:${u}`, "{not json", "EX", 60);
    expect(await new RedisContextStore(REDIS, 60).get(u)).toBeNull();
    await redisClient(REDIS).set(`chart-ctx:${u}`, JSON.stringify({ chart_context: { symbol: "bad symbol!" } }), "EX", 60);
    expect(await new RedisContextStore(REDIS, 60).get(u)).toBeNull();
  });
});

describe("contextStore()", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
    resetServerEnv();
  });

  it("is memory without REDIS_URL and Redis with it", () => {
    delete process.env.REDIS_URL;
    resetServerEnv();
    expect(contextStore().kind).toBe("memory");
    process.env.REDIS_URL = REDIS;
    resetServerEnv();
    expect(contextStore().kind).toBe("redis");
  });
});
