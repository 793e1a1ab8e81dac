import "server-only";
import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { Page, ThreadItem, ThreadMetadata } from "@/lib/chatkit/protocol";
import { generateId, NotFoundError, toPage, type PageOptions, type StoreItemType, type ThreadStore } from "./types";

type DB = InstanceType<typeof Database>;

/** Larger than any sequence number, so "no cursor" is one comparison instead of another statement. */
const NO_CURSOR_DESC = Number.MAX_SAFE_INTEGER;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS chatkit_seq (id INTEGER PRIMARY KEY CHECK (id = 1), v INTEGER NOT NULL);
INSERT OR IGNORE INTO chatkit_seq (id, v) VALUES (1, 0);
CREATE TABLE IF NOT EXISTS chatkit_threads (
  user_id TEXT NOT NULL, id TEXT NOT NULL, seq INTEGER NOT NULL, data TEXT NOT NULL,
  PRIMARY KEY (user_id, id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS chatkit_threads_by_seq ON chatkit_threads (user_id, seq);
CREATE TABLE IF NOT EXISTS chatkit_items (
  user_id TEXT NOT NULL, thread_id TEXT NOT NULL, id TEXT NOT NULL, seq INTEGER NOT NULL, data TEXT NOT NULL,
  PRIMARY KEY (user_id, thread_id, id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS chatkit_items_by_seq ON chatkit_items (user_id, thread_id, seq);
`;

/**
 * Threads in one SQLite file (WAL, so readers never wait on the writer and several processes
 * can share it). Order comes from one counter row, not timestamps, so records made in the
 * same millisecond keep their order. Every statement is prepared once.
 */
export class SqliteThreadStore implements ThreadStore {
  readonly kind = "sqlite" as const;
  private readonly db: DB;
  private readonly s;
  // Each write is one transaction, so the order counter's bump and the row commit in one WAL
  // frame rather than two: half the store's share of a streamed answer. Run IMMEDIATE: it
  // reads before it writes, and another process committing in between would otherwise fail
  // it at once (SQLITE_BUSY_SNAPSHOT) instead of waiting out the busy timeout.
  private readonly writeThread: Database.Transaction<(userId: string, thread: ThreadMetadata) => void>;
  private readonly writeItem: Database.Transaction<(userId: string, threadId: string, item: ThreadItem) => void>;

  constructor(readonly file: string) {
    if (file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    this.db = new Database(file, { timeout: 5000 });
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = NORMAL");
    this.db.pragma("busy_timeout = 5000");
    this.db.exec(SCHEMA);
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
    this.writeThread = db.transaction((userId: string, thread: ThreadMetadata) => {
      const seq = this.s.threadSeq.get(userId, thread.id)?.seq ?? this.nextSeq();
      this.s.insertThread.run(userId, thread.id, seq, JSON.stringify(thread));
    });
    this.writeItem = db.transaction((userId: string, threadId: string, item: ThreadItem) => {
      if (!this.s.threadSeq.get(userId, threadId)) throw new NotFoundError(`thread ${threadId} not found`);
      const seq = this.s.itemSeq.get(userId, threadId, item.id)?.seq ?? this.nextSeq();
      this.s.upsertItem.run(userId, threadId, item.id, seq, JSON.stringify(item));
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

  async loadThread(userId: string, threadId: string): Promise<ThreadMetadata> {
    const row = this.s.getThread.get(userId, threadId);
    if (!row) throw new NotFoundError(`thread ${threadId} not found`);
    return JSON.parse(row.data) as ThreadMetadata;
  }

  async saveThread(userId: string, thread: ThreadMetadata): Promise<void> {
    this.writeThread.immediate(userId, thread);
  }

  async loadThreads(userId: string, opts: PageOptions): Promise<Page<ThreadMetadata>> {
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
    this.db.transaction(() => {
      this.s.deleteItems.run(userId, threadId);
      this.s.deleteThread.run(userId, threadId);
    })();
  }

  async loadThreadItems(userId: string, threadId: string, opts: PageOptions): Promise<Page<ThreadItem>> {
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
    this.writeItem.immediate(userId, threadId, item);
  }

  async saveItem(userId: string, threadId: string, item: ThreadItem): Promise<void> {
    this.writeItem.immediate(userId, threadId, item);
  }

  async loadItem(userId: string, threadId: string, itemId: string): Promise<ThreadItem> {
    const row = this.s.getItem.get(userId, threadId, itemId);
    if (!row) throw new NotFoundError(`item ${itemId} not found in thread ${threadId}`);
    return JSON.parse(row.data) as ThreadItem;
  }

  async deleteThreadItem(userId: string, threadId: string, itemId: string): Promise<void> {
    this.s.deleteItem.run(userId, threadId, itemId);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
