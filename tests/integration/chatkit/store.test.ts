import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import type { ThreadItem, ThreadMetadata } from "@/lib/chatkit/protocol";
import { MemoryThreadStore } from "@/lib/chatkit/store/memory";
import { RedisThreadStore } from "@/lib/chatkit/store/redis";
import { SqliteThreadStore } from "@/lib/chatkit/store/sqlite";
import { NotFoundError, type ThreadStore } from "@/lib/chatkit/store/types";
import { closeRedisClients } from "@/lib/redis/client";

const dir = mkdtempSync(path.join(tmpdir(), "chatkit-store-"));
let n = 0;

afterAll(async () => {
  await closeRedisClients();
  rmSync(dir, { recursive: true, force: true });
});

const FACTORIES: [string, () => ThreadStore][] = [
  ["memory", () => new MemoryThreadStore()],
  ["sqlite", () => new SqliteThreadStore(path.join(dir, `s${++n}.db`))],
  [
    "redis",
    () => {
      const url = process.env.REDIS_TEST_URL;
      if (!url) throw new Error("REDIS_TEST_URL is not set: jest's globalSetup starts redis-server");
      return new RedisThreadStore(url, `chatkit-test-${Date.now()}-${++n}:`);
    },
  ],
];

const thread = (id: string, title?: string): ThreadMetadata => ({ id, title, created_at: "2026-01-01T00:00:00.000Z", status: { type: "active" }, metadata: {} });
const message = (id: string, threadId: string, text: string): ThreadItem => ({
  id,
  thread_id: threadId,
  created_at: "2026-01-01T00:00:00.000Z",
  type: "assistant_message",
  content: [{ type: "output_text", text, annotations: [] }],
});

describe.each(FACTORIES)("ThreadStore (%s)", (_kind, make) => {
  let store: ThreadStore;
  beforeEach(() => {
    store = make();
  });
  afterEach(() => store.close());

  it("generates prefixed ids", () => {
    expect(store.generateThreadId()).toMatch(/^thr_[0-9a-f]{16}$/);
    expect(store.generateItemId("message")).toMatch(/^msg_/);
    expect(store.generateItemId("tool_call")).toMatch(/^tc_/);
    expect(store.generateItemId("sdk_hidden_context")).toMatch(/^shcx_/);
    expect(store.generateThreadId()).not.toBe(store.generateThreadId());
  });

  it("applies writes in call order, and a read sees the writes called before it even if not yet awaited", async () => {
    const writes = [
      store.saveThread("u1", thread("thr_a")),
      store.addThreadItem("u1", "thr_a", message("m1", "thr_a", "draft")),
      store.addThreadItem("u1", "thr_a", message("m2", "thr_a", "two")),
      store.saveItem("u1", "thr_a", message("m1", "thr_a", "final")),
      store.deleteThreadItem("u1", "thr_a", "m2"),
    ];
    const items = await store.loadThreadItems("u1", "thr_a", { limit: 10, order: "asc" });
    expect(items.data).toEqual([message("m1", "thr_a", "final")]);
    await Promise.all(writes);
  });

  it("saves, updates and loads threads; a missing one is NotFoundError", async () => {
    await store.saveThread("u1", thread("thr_a", "first"));
    await store.saveThread("u1", { ...thread("thr_a"), title: "renamed" });
    expect(await store.loadThread("u1", "thr_a")).toMatchObject({ id: "thr_a", title: "renamed" });
    await expect(store.loadThread("u1", "thr_zz")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("pages threads in creation order both ways, and an update keeps the position", async () => {
    for (const id of ["t1", "t2", "t3", "t4", "t5"]) await store.saveThread("u1", thread(id));
    await store.saveThread("u1", thread("t2", "edited"));
    const asc = await store.loadThreads("u1", { limit: 2, order: "asc" });
    expect([asc.data.map((t) => t.id), asc.has_more, asc.after]).toEqual([["t1", "t2"], true, "t2"]);
    const asc2 = await store.loadThreads("u1", { limit: 2, order: "asc", after: asc.after });
    expect(asc2.data.map((t) => t.id)).toEqual(["t3", "t4"]);
    const asc3 = await store.loadThreads("u1", { limit: 2, order: "asc", after: asc2.after });
    expect([asc3.data.map((t) => t.id), asc3.has_more, asc3.after ?? null]).toEqual([["t5"], false, null]);
    const desc = await store.loadThreads("u1", { limit: 3, order: "desc" });
    expect(desc.data.map((t) => t.id)).toEqual(["t5", "t4", "t3"]);
    const desc2 = await store.loadThreads("u1", { limit: 3, order: "desc", after: "t3" });
    expect([desc2.data.map((t) => t.id), desc2.has_more]).toEqual([["t2", "t1"], false]);
    expect(desc2.data[0]!.title).toBe("edited");
    await expect(store.loadThreads("u1", { limit: 3, order: "desc", after: "nope" })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("adds, upserts, pages, loads and deletes items", async () => {
    await store.saveThread("u1", thread("thr_a"));
    for (let i = 0; i < 7; i++) await store.addThreadItem("u1", "thr_a", message(`m${i}`, "thr_a", `text ${i}`));
    await store.saveItem("u1", "thr_a", message("m2", "thr_a", "replaced"));
    const ids: string[] = [];
    let after: string | null | undefined;
    for (;;) {
      const page = await store.loadThreadItems("u1", "thr_a", { limit: 3, order: "asc", after });
      ids.push(...page.data.map((i) => i.id));
      if (!page.has_more) break;
      after = page.after;
    }
    expect(ids).toEqual(["m0", "m1", "m2", "m3", "m4", "m5", "m6"]);
    const desc = await store.loadThreadItems("u1", "thr_a", { limit: 2, order: "desc", after: "m4" });
    expect(desc.data.map((i) => i.id)).toEqual(["m3", "m2"]);
    expect(await store.loadItem("u1", "thr_a", "m2")).toMatchObject({ content: [{ text: "replaced" }] });
    await store.deleteThreadItem("u1", "thr_a", "m3");
    const all = await store.loadThreadItems("u1", "thr_a", { limit: 50, order: "asc" });
    expect(all.data.map((i) => i.id)).toEqual(["m0", "m1", "m2", "m4", "m5", "m6"]);
    await expect(store.loadItem("u1", "thr_a", "m3")).rejects.toBeInstanceOf(NotFoundError);
    await expect(store.loadThreadItems("u1", "thr_a", { limit: 2, order: "asc", after: "m3" })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("deletes a thread with its items", async () => {
    await store.saveThread("u1", thread("thr_a"));
    await store.addThreadItem("u1", "thr_a", message("m1", "thr_a", "x"));
    await store.deleteThread("u1", "thr_a");
    await expect(store.loadThread("u1", "thr_a")).rejects.toBeInstanceOf(NotFoundError);
    expect((await store.loadThreadItems("u1", "thr_a", { limit: 5, order: "asc" })).data).toEqual([]);
    expect((await store.loadThreads("u1", { limit: 5, order: "asc" })).data).toEqual([]);
  });

  it("scopes everything by user", async () => {
    await store.saveThread("alice", thread("thr_a", "alice's"));
    await store.addThreadItem("alice", "thr_a", message("m1", "thr_a", "secret"));
    await expect(store.loadThread("bob", "thr_a")).rejects.toBeInstanceOf(NotFoundError);
    await expect(store.loadItem("bob", "thr_a", "m1")).rejects.toBeInstanceOf(NotFoundError);
    expect((await store.loadThreads("bob", { limit: 5, order: "asc" })).data).toEqual([]);
    expect((await store.loadThreadItems("bob", "thr_a", { limit: 5, order: "asc" })).data).toEqual([]);
    await expect(store.addThreadItem("bob", "thr_a", message("m2", "thr_a", "intruder"))).rejects.toBeInstanceOf(NotFoundError);
    await store.deleteThread("bob", "thr_a");
    await store.deleteThreadItem("bob", "thr_a", "m1");
    expect(await store.loadItem("alice", "thr_a", "m1")).toMatchObject({ content: [{ text: "secret" }] });
  });

  it("round-trips every field of an item", async () => {
    await store.saveThread("u1", thread("thr_a"));
    const item: ThreadItem = {
      id: "msg_u",
      thread_id: "thr_a",
      created_at: "2026-02-03T04:05:06.789Z",
      type: "user_message",
      content: [
        { type: "input_text", text: "line one\nline two \"quoted\" ünïcödé 📈" },
        { type: "input_tag", id: "tag", text: "$TSLA", data: { symbol: "TSLA" }, interactive: false },
      ],
      attachments: [],
      quoted_text: "earlier",
      inference_options: { model: "x" },
    };
    await store.addThreadItem("u1", "thr_a", item);
    expect(await store.loadItem("u1", "thr_a", "msg_u")).toEqual(item);
  });
});

describe("SQLite store across a restart", () => {
  it("a new store on the same file sees the threads and items, in order", async () => {
    const file = path.join(dir, "restart.db");
    const before = new SqliteThreadStore(file);
    await before.saveThread("u1", thread("thr_a", "kept"));
    await before.addThreadItem("u1", "thr_a", message("m1", "thr_a", "one"));
    await before.addThreadItem("u1", "thr_a", message("m2", "thr_a", "two"));
    await before.close();
    const after = new SqliteThreadStore(file);
    expect(await after.loadThread("u1", "thr_a")).toMatchObject({ title: "kept" });
    await after.addThreadItem("u1", "thr_a", message("m3", "thr_a", "three"));
    const items = await after.loadThreadItems("u1", "thr_a", { limit: 10, order: "asc" });
    expect(items.data.map((i) => i.id)).toEqual(["m1", "m2", "m3"]);
    await after.close();
  });

  it("two stores on one file (two processes) share threads", async () => {
    const file = path.join(dir, "shared.db");
    const a = new SqliteThreadStore(file);
    const b = new SqliteThreadStore(file);
    await a.saveThread("u1", thread("thr_1"));
    await b.saveThread("u1", thread("thr_2"));
    await a.saveThread("u1", thread("thr_3"));
    expect((await b.loadThreads("u1", { limit: 10, order: "asc" })).data.map((t) => t.id)).toEqual(["thr_1", "thr_2", "thr_3"]);
    await Promise.all([a.close(), b.close()]);
  });
});

describe("SQLite store: writes committed together", () => {
  it("a write refused for a missing thread fails alone; the rest of its batch lands", async () => {
    const store = new SqliteThreadStore(path.join(dir, `batch${++n}.db`));
    const results = await Promise.allSettled([
      store.saveThread("u1", thread("thr_a")),
      store.addThreadItem("u1", "thr_missing", message("m0", "thr_missing", "lost")),
      store.addThreadItem("u1", "thr_a", message("m1", "thr_a", "kept")),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(NotFoundError);
    expect((await store.loadThreadItems("u1", "thr_a", { limit: 10, order: "asc" })).data.map((i) => i.id)).toEqual(["m1"]);
    await store.close();
  });

  it("checkpoints on a worker thread: the writes reach the database file with no checkpoint by the writer", async () => {
    const file = path.join(dir, `checkpoint${++n}.db`);
    const store = new SqliteThreadStore(file);
    const empty = statSync(file).size;
    // ~100 KB of threads: far below the 1,000 pages (4 MB) at which SQLite would checkpoint by itself.
    await Promise.all(Array.from({ length: 50 }, (_, i) => store.saveThread("u1", thread(`thr_${i}`, "t".repeat(2000)))));
    const deadline = Date.now() + 3000;
    while (statSync(file).size <= empty && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    expect(statSync(file).size).toBeGreaterThan(empty + 50 * 2000);
    await store.close();
  });

  it("an open store does not hold its process open (its checkpoint worker is unreferenced)", async () => {
    const ports = () => process.getActiveResourcesInfo().filter((r) => r === "MessagePort").length;
    const before = ports();
    const store = new SqliteThreadStore(path.join(dir, `ref${++n}.db`));
    const held = ports() - before;
    await store.close();
    expect(held).toBe(0);
  });

  it("close() settles when the checkpoint worker could not load the driver, and writes still land", async () => {
    const app = path.join(dir, `broken-app${++n}`);
    mkdirSync(path.join(app, "node_modules", "better-sqlite3"), { recursive: true });
    writeFileSync(path.join(app, "package.json"), "{}");
    writeFileSync(path.join(app, "node_modules/better-sqlite3/package.json"), '{"name":"better-sqlite3","main":"index.js"}');
    writeFileSync(path.join(app, "node_modules/better-sqlite3/index.js"), 'throw new Error("cannot load")');
    const file = path.join(dir, `dead-worker${n}.db`);
    const home = process.cwd();
    process.chdir(app);
    let store: SqliteThreadStore;
    try {
      store = new SqliteThreadStore(file);
    } finally {
      process.chdir(home);
    }
    await new Promise((r) => setTimeout(r, 500));
    await store.saveThread("u1", thread("thr_a", "kept"));
    const closed = await Promise.race([store.close().then(() => "closed"), new Promise((r) => setTimeout(() => r("pending"), 2000))]);
    expect(closed).toBe("closed");
    const reopened = new SqliteThreadStore(file);
    expect(await reopened.loadThread("u1", "thr_a")).toMatchObject({ title: "kept" });
    await reopened.close();
  });

  it("close() commits what is still queued", async () => {
    const file = path.join(dir, `batch${++n}.db`);
    const store = new SqliteThreadStore(file);
    void store.saveThread("u1", thread("thr_a", "queued"));
    await store.close();
    const reopened = new SqliteThreadStore(file);
    expect(await reopened.loadThread("u1", "thr_a")).toMatchObject({ title: "queued" });
    await reopened.close();
  });

  it("opens a file written by the first schema (rows in the key's B-tree) and keeps its threads", async () => {
    const file = path.join(dir, `v1-${++n}.db`);
    const v1 = new Database(file);
    v1.exec(`
      CREATE TABLE chatkit_seq (id INTEGER PRIMARY KEY CHECK (id = 1), v INTEGER NOT NULL);
      INSERT INTO chatkit_seq (id, v) VALUES (1, 2);
      CREATE TABLE chatkit_threads (user_id TEXT NOT NULL, id TEXT NOT NULL, seq INTEGER NOT NULL, data TEXT NOT NULL, PRIMARY KEY (user_id, id)) WITHOUT ROWID;
      CREATE INDEX chatkit_threads_by_seq ON chatkit_threads (user_id, seq);
      CREATE TABLE chatkit_items (user_id TEXT NOT NULL, thread_id TEXT NOT NULL, id TEXT NOT NULL, seq INTEGER NOT NULL, data TEXT NOT NULL, PRIMARY KEY (user_id, thread_id, id)) WITHOUT ROWID;
      CREATE INDEX chatkit_items_by_seq ON chatkit_items (user_id, thread_id, seq);
    `);
    v1.prepare("INSERT INTO chatkit_threads VALUES (?, ?, ?, ?)").run("u1", "thr_old", 1, JSON.stringify(thread("thr_old", "from v1")));
    v1.prepare("INSERT INTO chatkit_items VALUES (?, ?, ?, ?, ?)").run("u1", "thr_old", "m1", 2, JSON.stringify(message("m1", "thr_old", "old answer")));
    v1.close();

    const store = new SqliteThreadStore(file);
    expect(await store.loadThread("u1", "thr_old")).toMatchObject({ title: "from v1" });
    await store.addThreadItem("u1", "thr_old", message("m2", "thr_old", "new answer"));
    await store.saveThread("u1", thread("thr_new"));
    expect((await store.loadThreadItems("u1", "thr_old", { limit: 10, order: "asc" })).data.map((i) => i.id)).toEqual(["m1", "m2"]);
    expect((await store.loadThreads("u1", { limit: 10, order: "asc" })).data.map((t) => t.id)).toEqual(["thr_old", "thr_new"]);
    await store.close();
    const check = new Database(file, { readonly: true });
    expect(check.prepare("SELECT sql FROM sqlite_master WHERE name = 'chatkit_items'").pluck().get()).not.toMatch(/WITHOUT ROWID/);
    check.close();
  });
});
