import "server-only";
import type Redis from "ioredis";
import type { Page, ThreadItem, ThreadMetadata } from "@/lib/chatkit/protocol";
import { redisClient } from "@/lib/redis/client";
import { generateId, NotFoundError, toPage, type PageOptions, type StoreItemType, type ThreadStore } from "./types";

/**
 * Layout, all under one prefix: a global counter orders records across instances;
 * per user a sorted set of thread ids (score = counter) and one JSON string per thread;
 * per thread a sorted set of item ids and a hash id → item JSON.
 */
const SEQ = "seq";

/** Adds the thread to the user's ordered set the first time it is saved, then writes it. */
const SAVE_THREAD = `
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) then
  redis.call('ZADD', KEYS[1], redis.call('INCR', KEYS[3]), ARGV[1])
end
redis.call('SET', KEYS[2], ARGV[2])
return 1`;

/** Upserts an item keeping its position; 0 when the thread is not the user's. */
const UPSERT_ITEM = `
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) then return 0 end
if not redis.call('ZSCORE', KEYS[2], ARGV[2]) then
  redis.call('ZADD', KEYS[2], redis.call('INCR', KEYS[4]), ARGV[2])
end
redis.call('HSET', KEYS[3], ARGV[2], ARGV[3])
return 1`;

export class RedisThreadStore implements ThreadStore {
  readonly kind = "redis" as const;
  private readonly redis: Redis;

  constructor(
    url: string,
    private readonly prefix = "chatkit:",
  ) {
    this.redis = redisClient(url);
  }

  private threadsKey(u: string) {
    return `${this.prefix}u:${u}:threads`;
  }
  private threadKey(u: string, t: string) {
    return `${this.prefix}u:${u}:t:${t}`;
  }
  private itemOrderKey(u: string, t: string) {
    return `${this.prefix}u:${u}:io:${t}`;
  }
  private itemDataKey(u: string, t: string) {
    return `${this.prefix}u:${u}:id:${t}`;
  }

  generateThreadId(): string {
    return generateId("thread");
  }

  generateItemId(type: StoreItemType): string {
    return generateId(type);
  }

  async loadThread(userId: string, threadId: string): Promise<ThreadMetadata> {
    const raw = await this.redis.get(this.threadKey(userId, threadId));
    if (raw === null) throw new NotFoundError(`thread ${threadId} not found`);
    return JSON.parse(raw) as ThreadMetadata;
  }

  async saveThread(userId: string, thread: ThreadMetadata): Promise<void> {
    await this.redis.eval(SAVE_THREAD, 3, this.threadsKey(userId), this.threadKey(userId, thread.id), this.prefix + SEQ, thread.id, JSON.stringify(thread));
  }

  /** Ids after the cursor, in order; `limit + 1` of them so the caller knows whether more follow. */
  private async idsPage(key: string, opts: PageOptions, what: string): Promise<string[]> {
    let bound = opts.order === "asc" ? "-inf" : "+inf";
    if (opts.after) {
      const score = await this.redis.zscore(key, opts.after);
      if (score === null) throw new NotFoundError(`${what} ${opts.after} not found`);
      bound = `(${score}`;
    }
    return opts.order === "asc"
      ? this.redis.zrangebyscore(key, bound, "+inf", "LIMIT", 0, opts.limit + 1)
      : this.redis.zrevrangebyscore(key, bound, "-inf", "LIMIT", 0, opts.limit + 1);
  }

  async loadThreads(userId: string, opts: PageOptions): Promise<Page<ThreadMetadata>> {
    const ids = await this.idsPage(this.threadsKey(userId), opts, "thread");
    if (ids.length === 0) return { data: [], has_more: false, after: null };
    const raws = await this.redis.mget(ids.map((id) => this.threadKey(userId, id)));
    const threads = raws.filter((r): r is string => r !== null).map((r) => JSON.parse(r) as ThreadMetadata);
    return toPage(threads, opts.limit);
  }

  async deleteThread(userId: string, threadId: string): Promise<void> {
    await this.redis
      .multi()
      .zrem(this.threadsKey(userId), threadId)
      .del(this.threadKey(userId, threadId), this.itemOrderKey(userId, threadId), this.itemDataKey(userId, threadId))
      .exec();
  }

  async loadThreadItems(userId: string, threadId: string, opts: PageOptions): Promise<Page<ThreadItem>> {
    const ids = await this.idsPage(this.itemOrderKey(userId, threadId), opts, "item");
    if (ids.length === 0) return { data: [], has_more: false, after: null };
    const raws = await this.redis.hmget(this.itemDataKey(userId, threadId), ...ids);
    const items = raws.filter((r): r is string => r !== null).map((r) => JSON.parse(r) as ThreadItem);
    return toPage(items, opts.limit);
  }

  private async upsertItem(userId: string, threadId: string, item: ThreadItem): Promise<void> {
    const ok = await this.redis.eval(
      UPSERT_ITEM,
      4,
      this.threadsKey(userId),
      this.itemOrderKey(userId, threadId),
      this.itemDataKey(userId, threadId),
      this.prefix + SEQ,
      threadId,
      item.id,
      JSON.stringify(item),
    );
    if (Number(ok) !== 1) throw new NotFoundError(`thread ${threadId} not found`);
  }

  async addThreadItem(userId: string, threadId: string, item: ThreadItem): Promise<void> {
    await this.upsertItem(userId, threadId, item);
  }

  async saveItem(userId: string, threadId: string, item: ThreadItem): Promise<void> {
    await this.upsertItem(userId, threadId, item);
  }

  async loadItem(userId: string, threadId: string, itemId: string): Promise<ThreadItem> {
    const raw = await this.redis.hget(this.itemDataKey(userId, threadId), itemId);
    if (raw === null) throw new NotFoundError(`item ${itemId} not found in thread ${threadId}`);
    return JSON.parse(raw) as ThreadItem;
  }

  async deleteThreadItem(userId: string, threadId: string, itemId: string): Promise<void> {
    await this.redis.multi().zrem(this.itemOrderKey(userId, threadId), itemId).hdel(this.itemDataKey(userId, threadId), itemId).exec();
  }

  /** The connection is shared per URL (lib/redis/client.ts) and closed with the process. */
  async close(): Promise<void> {}
}
