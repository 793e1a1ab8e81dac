import "server-only";
import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { Page, ThreadItem, ThreadMetadata } from "@/lib/chatkit/protocol";
import { startCheckpointer, type Checkpointer } from "./checkpointer";
import { generateId, NotFoundError, toPage, type PageOptions, type StoreItemType, type ThreadStore } from "./types";

type DB = InstanceType<typeof Database>;

/** Larger than any sequence number, so "no cursor" is one comparison instead of another statement. */
const NO_CURSOR_DESC = Number.MAX_SAFE_INTEGER;

/**
 * Version 2: rowid tables with a unique key. Version 1 kept rows in the key's B-tree
 * (WITHOUT ROWID), which SQLite advises only for rows under ~1/20 of a page; a stored item is
 * 0.5-5 KB of JSON, and there each write cost up to twice as much and grew with the table.
 */
const SCHEMA_VERSION = 2;

const TABLES = `
CREATE TABLE IF NOT EXISTS chatkit_seq (id INTEGER PRIMARY KEY CHECK (id = 1), v INTEGER NOT NULL);
INSERT OR IGNORE INTO chatkit_seq (id, v) VALUES (1, 0);
CREATE TABLE IF NOT EXISTS chatkit_threads (
  user_id TEXT NOT NULL, id TEXT NOT NULL, seq INTEGER NOT NULL, data TEXT NOT NULL,
  UNIQUE (user_id, id)
);
CREATE INDEX IF NOT EXISTS chatkit_threads_by_seq ON chatkit_threads (user_id, seq);
CREATE TABLE IF NOT EXISTS chatkit_items (
  user_id TEXT NOT NULL, thread_id TEXT NOT NULL, id TEXT NOT NULL, seq INTEGER NOT NULL, data TEXT NOT NULL,
  UNIQUE (user_id, thread_id, id)
);
CREATE INDEX IF NOT EXISTS chatkit_items_by_seq ON chatkit_items (user_id, thread_id, seq);
`;

/** Creates the tables, or moves a version 1 file's rows into them (same columns). */
function migrate(db: DB): void {
  const current = () => db.pragma("user_version", { simple: true }) as number;
  if (current() >= SCHEMA_VERSION) return;
  db.transaction(() => {
    // Read again under the write lock: another process may have migrated the file meanwhile.
    if (current() >= SCHEMA_VERSION) return;
    const old = (name: string) => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
    const moved = ["chatkit_threads", "chatkit_items"].filter(old);
    for (const table of moved) {
      db.exec(`DROP INDEX IF EXISTS ${table}_by_seq; ALTER TABLE ${table} RENAME TO ${table}_v1`);
    }
    db.exec(TABLES);
    for (const table of moved) db.exec(`INSERT INTO ${table} SELECT * FROM ${table}_v1; DROP TABLE ${table}_v1`);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}

/** How often the worker checkpoints: small enough that each checkpoint's fsync stays short. */
const CHECKPOINT_INTERVAL_MS = 250;
/** SQLite's default, for when no worker checkpoints. */
const AUTOCHECKPOINT_PAGES = 1000;

interface QueuedWrite {
  run: () => void;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * Threads in one SQLite file (WAL, so readers never wait on the writer and several processes
 * can share it). Order comes from one counter row, not timestamps, so records made in the
 * same millisecond keep their order. Every statement is prepared once.
 *
 * Writes are group-committed: each is queued, and once per event-loop iteration the queue
 * commits in one transaction, whose promise callers await. A commit costs more than the
 * statements it holds (measured here: ~0.15 ms per write alone, ~0.03 ms in a batch of 50), and
 * a busy server's concurrent answers all write in the same iteration. Reads commit the queue
 * first, so every read sees every write made before it. Checkpoints run on a worker thread
 * (./checkpointer.ts), off the event loop.
 */
export class SqliteThreadStore implements ThreadStore {
  readonly kind = "sqlite" as const;
  private readonly db: DB;
  private readonly s;
  private readonly checkpointer: Checkpointer | null = null;
  private queue: QueuedWrite[] = [];
  private flushScheduled = false;
  // Run IMMEDIATE: a batch reads (sequence numbers, parent rows) before it writes, and another
  // process committing in between would otherwise fail it at once (SQLITE_BUSY_SNAPSHOT)
  // instead of waiting out the busy timeout.
  private readonly commit: Database.Transaction<(batch: QueuedWrite[], refused: Map<number, NotFoundError>) => void>;

  constructor(readonly file: string) {
    if (file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    this.db = new Database(file, { timeout: 5000 });
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = NORMAL");
    this.db.pragma("busy_timeout = 5000");
    // A WAL that grew under a burst is cut back once it restarts, rather than kept at its peak.
    this.db.pragma("journal_size_limit = 67108864");
    migrate(this.db);
    if (file !== ":memory:") {
      this.checkpointer = startCheckpointer(file, CHECKPOINT_INTERVAL_MS, () => {
        if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
      });
      if (this.checkpointer) this.db.pragma("wal_autocheckpoint = 0");
    }
    const db = this.db;
    this.s = {
      nextSeq: db.prepare<[], { v: number }>("UPDATE chatkit_seq SET v = v + 1 WHERE id = 1 RETURNING v"),
      getThread: db.prepare<[string, string], { data: string }>("SELECT data FROM chatkit_threads WHERE user_id = ? AND id = ?"),
      threadSeq: db.prepare<[string, string], { seq: number }>("SELECT seq FROM chatkit_threads WHERE user_id = ? AND id = ?"),
      insertThread: db.prepare<[string, string, number, string]>(
        "INSERT INTO chatkit_threads (user_id, id, seq, data) VALUES (?, ?, ?, ?) ON CONFLICT (user_id, id) DO UPDATE SET data = excluded.data",
      ),
      threadsAsc: db.prepare<[string, number, number], { data: string }>(
        "SELECT data FROM chatkit_threads WHERE user_id = ? AND seq > ? ORDER BY seq ASC LIMIT ?",
      ),
      threadsDesc: db.prepare<[string, number, number], { data: string }>(
        "SELECT data FROM chatkit_threads WHERE user_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?",
      ),
      deleteThread: db.prepare<[string, string]>("DELETE FROM chatkit_threads WHERE user_id = ? AND id = ?"),
      deleteItems: db.prepare<[string, string]>("DELETE FROM chatkit_items WHERE user_id = ? AND thread_id = ?"),
      itemSeq: db.prepare<[string, string, string], { seq: number }>("SELECT seq FROM chatkit_items WHERE user_id = ? AND thread_id = ? AND id = ?"),
      itemsAsc: db.prepare<[string, string, number, number], { data: string }>(
        "SELECT data FROM chatkit_items WHERE user_id = ? AND thread_id = ? AND seq > ? ORDER BY seq ASC LIMIT ?",
      ),
      itemsDesc: db.prepare<[string, string, number, number], { data: string }>(
        "SELECT data FROM chatkit_items WHERE user_id = ? AND thread_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?",
      ),
      upsertItem: db.prepare<[string, string, string, number, string]>(
        "INSERT INTO chatkit_items (user_id, thread_id, id, seq, data) VALUES (?, ?, ?, ?, ?) ON CONFLICT (user_id, thread_id, id) DO UPDATE SET data = excluded.data",
      ),
      getItem: db.prepare<[string, string, string], { data: string }>("SELECT data FROM chatkit_items WHERE user_id = ? AND thread_id = ? AND id = ?"),
      deleteItem: db.prepare<[string, string, string]>("DELETE FROM chatkit_items WHERE user_id = ? AND thread_id = ? AND id = ?"),
    };
    // A write refused for a missing thread checks before it writes anything, so it is refused
    // alone; any other failure rolls the whole batch back and fails every write in it.
    this.commit = db.transaction((batch: QueuedWrite[], refused: Map<number, NotFoundError>) => {
      for (let i = 0; i < batch.length; i++) {
        try {
          batch[i]!.run();
        } catch (err) {
          if (!(err instanceof NotFoundError)) throw err;
          refused.set(i, err);
        }
      }
    });
  }

  generateThreadId(): string {
    return generateId("thread");
  }

  generateItemId(type: StoreItemType): string {
    return generateId(type);
  }

  private nextSeq(): number {
    const row = this.s.nextSeq.get();
    if (!row) throw new Error("chatkit_seq row missing");
    return row.v;
  }

  private write(run: () => void): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ run, resolve, reject });
      if (this.flushScheduled) return;
      this.flushScheduled = true;
      setImmediate(this.flushQueued);
    });
  }

  private readonly flushQueued = (): void => {
    this.flushScheduled = false;
    this.flush();
  };

  /** Commits the queued writes in one transaction and settles their promises. */
  private flush(): void {
    const batch = this.queue;
    if (batch.length === 0) return;
    this.queue = [];
    const refused = new Map<number, NotFoundError>();
    try {
      this.commit.immediate(batch, refused);
    } catch (err) {
      for (const w of batch) w.reject(err);
      return;
    }
    for (let i = 0; i < batch.length; i++) {
      const err = refused.get(i);
      if (err) batch[i]!.reject(err);
      else batch[i]!.resolve();
    }
  }

  private async writeItem(userId: string, threadId: string, item: ThreadItem): Promise<void> {
    const data = JSON.stringify(item);
    return this.write(() => {
      if (!this.s.threadSeq.get(userId, threadId)) throw new NotFoundError(`thread ${threadId} not found`);
      const seq = this.s.itemSeq.get(userId, threadId, item.id)?.seq ?? this.nextSeq();
      this.s.upsertItem.run(userId, threadId, item.id, seq, data);
    });
  }

  async loadThread(userId: string, threadId: string): Promise<ThreadMetadata> {
    this.flush();
    const row = this.s.getThread.get(userId, threadId);
    if (!row) throw new NotFoundError(`thread ${threadId} not found`);
    return JSON.parse(row.data) as ThreadMetadata;
  }

  async saveThread(userId: string, thread: ThreadMetadata): Promise<void> {
    const data = JSON.stringify(thread);
    return this.write(() => {
      const seq = this.s.threadSeq.get(userId, thread.id)?.seq ?? this.nextSeq();
      this.s.insertThread.run(userId, thread.id, seq, data);
    });
  }

  async loadThreads(userId: string, opts: PageOptions): Promise<Page<ThreadMetadata>> {
    this.flush();
    let cursor = opts.order === "asc" ? 0 : NO_CURSOR_DESC;
    if (opts.after) {
      const at = this.s.threadSeq.get(userId, opts.after);
      if (!at) throw new NotFoundError(`thread ${opts.after} not found`);
      cursor = at.seq;
    }
    const stmt = opts.order === "asc" ? this.s.threadsAsc : this.s.threadsDesc;
    const rows = stmt.all(userId, cursor, opts.limit + 1);
    return toPage(rows.map((r) => JSON.parse(r.data) as ThreadMetadata), opts.limit);
  }

  async deleteThread(userId: string, threadId: string): Promise<void> {
    return this.write(() => {
      this.s.deleteItems.run(userId, threadId);
      this.s.deleteThread.run(userId, threadId);
    });
  }

  async loadThreadItems(userId: string, threadId: string, opts: PageOptions): Promise<Page<ThreadItem>> {
    this.flush();
    let cursor = opts.order === "asc" ? 0 : NO_CURSOR_DESC;
    if (opts.after) {
      const at = this.s.itemSeq.get(userId, threadId, opts.after);
      if (!at) throw new NotFoundError(`item ${opts.after} not found`);
      cursor = at.seq;
    }
    const stmt = opts.order === "asc" ? this.s.itemsAsc : this.s.itemsDesc;
    const rows = stmt.all(userId, threadId, cursor, opts.limit + 1);
    return toPage(rows.map((r) => JSON.parse(r.data) as ThreadItem), opts.limit);
  }

  async addThreadItem(userId: string, threadId: string, item: ThreadItem): Promise<void> {
    return this.writeItem(userId, threadId, item);
  }

  async saveItem(userId: string, threadId: string, item: ThreadItem): Promise<void> {
    return this.writeItem(userId, threadId, item);
  }

  async loadItem(userId: string, threadId: string, itemId: string): Promise<ThreadItem> {
    this.flush();
    const row = this.s.getItem.get(userId, threadId, itemId);
    if (!row) throw new NotFoundError(`item ${itemId} not found in thread ${threadId}`);
    return JSON.parse(row.data) as ThreadItem;
  }

  async deleteThreadItem(userId: string, threadId: string, itemId: string): Promise<void> {
    return this.write(() => this.s.deleteItem.run(userId, threadId, itemId));
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    await this.checkpointer?.close();
    // After the worker's exit: writes queued while it finished are committed too.
    this.flush();
    this.db.close();
  }
}
