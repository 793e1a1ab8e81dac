import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { startApp, type AppServer } from "../support/app-server";
import { ChatKitClient, createdThreadId } from "../support/chatkit-client";
import { startAppsOnRedis } from "../support/redis-server";

/**
 * HTTP-level checks of the ChatKit server on the built app: threads outlive a restart
 * (SQLite file), and two instances on one Redis serve the same threads.
 */

test.describe.configure({ mode: "serial" });

const TSLA_1D = { symbol: "TSLA", timeframe: "1D" };
const BASE_ENV = { MARKET_DATA_PROVIDER: "demo", SESSION_SECRET: "e2e-chatkit-session", RATE_LIMIT_PER_MIN: "0", OPENAI_API_KEY: "" };

type ItemsPage = { data: { type: string; id: string }[] };

test("threads survive an app restart (same DATA_DIR / CHATKIT_DB_PATH)", async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "chatkit-e2e-"));
  const env = { ...BASE_ENV, DATA_DIR: dataDir, CHATKIT_DB_PATH: path.join(dataDir, "chatkit.db"), REDIS_URL: "" };
  let app: AppServer = await startApp({ port: 3241, env });
  let threadId: string;
  let sid: string;
  try {
    const c = new ChatKitClient({ baseUrl: app.url, chartContext: TSLA_1D });
    const r = await c.createThread("draw support and resistance");
    expect(r.status).toBe(200);
    expect(r.events.some((e) => e.type === "error")).toBe(false);
    threadId = createdThreadId(r.events);
    sid = c.sid!;
  } finally {
    await app.stop();
  }
  app = await startApp({ port: 3241, env });
  try {
    const c = new ChatKitClient({ baseUrl: app.url, sid, chartContext: TSLA_1D });
    const thread = await c.json<{ id: string; title: string; items: ItemsPage }>({ type: "threads.get_by_id", params: { thread_id: threadId } });
    expect(thread.status).toBe(200);
    expect(thread.body.title).toBe("draw support and resistance");
    expect(thread.body.items.data.map((i) => i.type)).toEqual(["user_message", "assistant_message", "widget"]);
    const list = await c.json<ItemsPage>({ type: "threads.list", params: { limit: 20, order: "desc" } });
    expect(list.body.data.map((t) => t.id)).toContain(threadId);
    const more = await c.addUserMessage(threadId, "and the trendlines?");
    expect(more.events.some((e) => e.type === "thread.item.done" && e.item.type === "assistant_message")).toBe(true);
    const stranger = new ChatKitClient({ baseUrl: app.url });
    expect((await stranger.json({ type: "threads.get_by_id", params: { thread_id: threadId } })).status).toBe(404);
  } finally {
    await app.stop();
  }
});

test("two app instances on one Redis see the same thread", async () => {
  const cluster = await startAppsOnRedis({ ports: [3242, 3243], env: BASE_ENV });
  try {
    const [a, b] = cluster.apps as [AppServer, AppServer];
    const onA = new ChatKitClient({ baseUrl: a.url, chartContext: TSLA_1D });
    const threadId = createdThreadId((await onA.createThread("draw support and resistance")).events);
    const onB = new ChatKitClient({ baseUrl: b.url, sid: onA.sid!, chartContext: TSLA_1D });
    const seen = await onB.json<{ items: ItemsPage }>({ type: "threads.get_by_id", params: { thread_id: threadId } });
    expect(seen.status).toBe(200);
    expect(seen.body.items.data.map((i) => i.type)).toEqual(["user_message", "assistant_message", "widget"]);
    const more = await onB.addUserMessage(threadId, "what chart is loaded?");
    expect(more.events.some((e) => e.type === "thread.item.done" && e.item.type === "assistant_message")).toBe(true);
    const back = await onA.json<ItemsPage>({ type: "items.list", params: { thread_id: threadId, order: "asc" } });
    expect(back.body.data.map((i) => i.type)).toEqual(["user_message", "assistant_message", "widget", "user_message", "assistant_message"]);
  } finally {
    await cluster.stop();
  }
});
