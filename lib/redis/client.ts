import "server-only";
import Redis from "ioredis";

const clients = new Map<string, Redis>();

/**
 * One command connection per URL per process. Subscribers need their own connection
 * (a subscribed ioredis client cannot run commands), so `duplicate()` this for pub/sub.
 */
export function redisClient(url: string): Redis {
  let client = clients.get(url);
  if (!client) {
    client = new Redis(url, { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false });
    client.on("error", () => undefined);
    clients.set(url, client);
  }
  return client;
}

export async function closeRedisClients(): Promise<void> {
  const all = [...clients.values()];
  clients.clear();
  await Promise.all(all.map((c) => c.quit().catch(() => c.disconnect())));
}
