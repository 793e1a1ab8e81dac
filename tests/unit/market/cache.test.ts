import { MarketCache, ttlMsFor } from "@/lib/market/cache";

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe("market cache", () => {
  let now = 1_000_000;
  const clock = () => now;
  beforeEach(() => {
    now = 1_000_000;
  });

  it("serves a value until its TTL passes, then loads again", async () => {
    const cache = new MarketCache<string>({ now: clock });
    let loads = 0;
    const req = { ttlMs: 15_000, load: async () => `v${++loads}` };
    expect(await cache.get("k", req)).toBe("v1");
    now += 14_999;
    expect(await cache.get("k", req)).toBe("v1");
    now += 2;
    expect(await cache.get("k", req)).toBe("v2");
  });

  it("shares one in-flight load among concurrent requests", async () => {
    const cache = new MarketCache<string>({ now: clock });
    const d = deferred<string>();
    const load = jest.fn(() => d.promise);
    const all = Promise.all([1, 2, 3, 4].map(() => cache.get("k", { ttlMs: 1000, load })));
    d.resolve("shared");
    expect(await all).toEqual(["shared", "shared", "shared", "shared"]);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("does not keep failures: the next request loads again", async () => {
    const cache = new MarketCache<string>({ now: clock });
    const load = jest.fn().mockRejectedValueOnce(new Error("down")).mockResolvedValueOnce("up");
    await expect(cache.get("k", { ttlMs: 1000, load })).rejects.toThrow("down");
    expect(await cache.get("k", { ttlMs: 1000, load })).toBe("up");
    expect(load).toHaveBeenCalledTimes(2);
  });

  it("serves a smaller need from a larger entry and reloads for a larger one", async () => {
    const cache = new MarketCache<number[]>({ now: clock });
    const load = jest.fn(async (n: number) => Array.from({ length: n }, (_, i) => i));
    expect(await cache.get("k", { need: 5000, ttlMs: 1000, load })).toHaveLength(5000);
    expect(await cache.get("k", { need: 500, ttlMs: 1000, load })).toHaveLength(5000);
    expect(load).toHaveBeenCalledTimes(1);
    await cache.get("k", { need: 5001, ttlMs: 1000, load });
    expect(load).toHaveBeenCalledTimes(2);
  });

  it("lets a small request ride on a larger in-flight load", async () => {
    const cache = new MarketCache<number>({ now: clock });
    const big = deferred<number>();
    const load = jest.fn((n: number) => (n === 5000 ? big.promise : Promise.resolve(n)));
    const first = cache.get("k", { need: 5000, ttlMs: 1000, load });
    const second = cache.get("k", { need: 10, ttlMs: 1000, load });
    big.resolve(5000);
    expect(await Promise.all([first, second])).toEqual([5000, 5000]);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("evicts the least recently used entry past its size", async () => {
    const cache = new MarketCache<string>({ now: clock, maxEntries: 2 });
    const load = jest.fn(async () => "x");
    await cache.get("a", { ttlMs: 1000, load });
    await cache.get("b", { ttlMs: 1000, load });
    await cache.get("a", { ttlMs: 1000, load }); // a is now the most recent
    await cache.get("c", { ttlMs: 1000, load }); // evicts b
    expect(cache.size).toBe(2);
    expect(load).toHaveBeenCalledTimes(3);
    await cache.get("a", { ttlMs: 1000, load });
    expect(load).toHaveBeenCalledTimes(3);
    await cache.get("b", { ttlMs: 1000, load });
    expect(load).toHaveBeenCalledTimes(4);
  });

  it("takes the TTL from the value when asked", async () => {
    const cache = new MarketCache<{ note?: string }>({ now: clock });
    let n = 0;
    const req = { ttlMs: (v: { note?: string }) => (v.note ? 10 : 10_000), load: async () => (++n === 1 ? { note: "fallback" } : {}) };
    await cache.get("k", req);
    now += 11;
    expect(await cache.get("k", req)).toEqual({});
  });

  it("fits the TTL to the timeframe", () => {
    expect(ttlMsFor("1m")).toBe(15_000);
    expect(ttlMsFor("1D")).toBe(300_000);
    expect(ttlMsFor("1m")).toBeLessThan(ttlMsFor("1h"));
    expect(ttlMsFor("1h")).toBeLessThan(ttlMsFor("1M"));
  });
});
