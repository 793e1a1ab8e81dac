import "server-only";
import { tmpdir } from "node:os";
import path from "node:path";
import { isEphemeralHost, serverEnv } from "@/lib/config/env";
import { RedisThreadStore } from "./redis";
import { SqliteThreadStore } from "./sqlite";
import type { ThreadStore } from "./types";

export { MemoryThreadStore } from "./memory";
export { RedisThreadStore } from "./redis";
export { SqliteThreadStore } from "./sqlite";
export { generateId, ID_PREFIXES, NotFoundError, type PageOptions, type StoreItemType, type StoreKind, type ThreadStore } from "./types";

let cached: { key: string; store: ThreadStore } | null = null;

/**
 * The SQLite file: `CHATKIT_DB_PATH`, else `<DATA_DIR>/chatkit.db`; on a serverless host
 * (whose disk does not outlive the instance, and may be read-only outside /tmp) the temp dir.
 */
export function chatkitDbPath(): string {
  const env = serverEnv();
  if (env.CHATKIT_DB_PATH) return env.CHATKIT_DB_PATH;
  if (isEphemeralHost(env)) return path.join(tmpdir(), "chatkit.db");
  return path.join(env.DATA_DIR, "chatkit.db");
}

/** Redis when `REDIS_URL` is set (every instance sees the same threads), else SQLite. */
export function threadStore(): ThreadStore {
  const env = serverEnv();
  const key = env.REDIS_URL ? `redis:${env.REDIS_URL}` : `sqlite:${chatkitDbPath()}`;
  if (cached?.key === key) return cached.store;
  const store = env.REDIS_URL ? new RedisThreadStore(env.REDIS_URL) : new SqliteThreadStore(chatkitDbPath());
  const previous = cached?.store;
  cached = { key, store };
  void previous?.close();
  return store;
}

/** For /api/health and the README: whether threads outlive this instance. */
export function threadPersistence(): "persistent" | "ephemeral" {
  const env = serverEnv();
  if (env.REDIS_URL) return "persistent";
  return isEphemeralHost(env) ? "ephemeral" : "persistent";
}

/** Commits the writes the store still holds and closes it: the last thing a stopping server does. */
export async function closeThreadStore(): Promise<void> {
  const store = cached?.store;
  cached = null;
  await store?.close();
}
