import "server-only";
import { redisClient } from "@/lib/redis/client";

export interface RateDecision {
  allowed: boolean;
  /** Whole seconds until the window resets. */
  retryAfterS: number;
}

export interface RateLimiter {
  hit(key: string, limitPerMin: number, nowMs?: number): Promise<RateDecision>;
}

const WINDOW_MS = 60_000;

/** Fixed one-minute windows: cheap, and the contract only promises "per minute". */
export class MemoryRateLimiter implements RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  async hit(key: string, limitPerMin: number, nowMs = Date.now()): Promise<RateDecision> {
    const windowStart = nowMs - (nowMs % WINDOW_MS);
    let w = this.windows.get(key);
    if (!w || w.start !== windowStart) {
      if (this.windows.size > 50_000) this.sweep(windowStart);
      w = { start: windowStart, count: 0 };
      this.windows.set(key, w);
    }
    w.count += 1;
    return { allowed: w.count <= limitPerMin, retryAfterS: Math.max(1, Math.ceil((windowStart + WINDOW_MS - nowMs) / 1000)) };
  }

  private sweep(current: number): void {
    for (const [k, w] of this.windows) if (w.start !== current) this.windows.delete(k);
  }
}

export class RedisRateLimiter implements RateLimiter {
  constructor(private readonly url: string) {}

  async hit(key: string, limitPerMin: number, nowMs = Date.now()): Promise<RateDecision> {
    const windowStart = nowMs - (nowMs % WINDOW_MS);
    const redisKey = `rl:${windowStart}:${key}`;
    const res = await redisClient(this.url).multi().incr(redisKey).pexpire(redisKey, WINDOW_MS + 1000).exec();
    const count = Number(res?.[0]?.[1] ?? 0);
    return { allowed: count <= limitPerMin, retryAfterS: Math.max(1, Math.ceil((windowStart + WINDOW_MS - nowMs) / 1000)) };
  }
}

const limiters = new Map<string, RateLimiter>();

export function rateLimiterFor(redisUrl: string | undefined): RateLimiter {
  const key = redisUrl ?? "memory";
  let l = limiters.get(key);
  if (!l) {
    l = redisUrl ? new RedisRateLimiter(redisUrl) : new MemoryRateLimiter();
    limiters.set(key, l);
  }
  return l;
}
