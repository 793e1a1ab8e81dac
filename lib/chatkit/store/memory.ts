import "server-only";
import type { Page, ThreadItem, ThreadMetadata } from "@/lib/chatkit/protocol";
import { generateId, NotFoundError, toPage, type PageOptions, type StoreItemType, type ThreadStore } from "./types";

interface ThreadEntry {
  meta: ThreadMetadata;
  /** Insertion-ordered, which is the items' order. */
  items: Map<string, ThreadItem>;
}

const clone = <T>(v: T): T => structuredClone(v);

/** Maps keep insertion order, so pages are a walk from the cursor: enough for tests and dev. */
function pageOf<T extends { id: string }>(ordered: Iterable<T>, opts: PageOptions, what: string): Page<T> {
  const all = [...ordered];
  if (opts.order === "desc") all.reverse();
  let start = 0;
  if (opts.after) {
    const at = all.findIndex((v) => v.id === opts.after);
    if (at < 0) throw new NotFoundError(`${what} ${opts.after} not found`);
    start = at + 1;
  }
  return toPage(all.slice(start, start + opts.limit + 1).map(clone), opts.limit);
}

export class MemoryThreadStore implements ThreadStore {
  readonly kind = "memory" as const;
  private readonly users = new Map<string, Map<string, ThreadEntry>>();

  generateThreadId(): string {
    return generateId("thread");
  }

  generateItemId(type: StoreItemType): string {
    return generateId(type);
  }

  private threads(userId: string): Map<string, ThreadEntry> {
    let m = this.users.get(userId);
    if (!m) this.users.set(userId, (m = new Map()));
    return m;
  }

  private entry(userId: string, threadId: string): ThreadEntry {
    const e = this.users.get(userId)?.get(threadId);
    if (!e) throw new NotFoundError(`thread ${threadId} not found`);
    return e;
  }

  async loadThread(userId: string, threadId: string): Promise<ThreadMetadata> {
    return clone(this.entry(userId, threadId).meta);
  }

  async saveThread(userId: string, thread: ThreadMetadata): Promise<void> {
    const threads = this.threads(userId);
    const existing = threads.get(thread.id);
    if (existing) existing.meta = clone(thread);
    else threads.set(thread.id, { meta: clone(thread), items: new Map() });
  }

  async loadThreads(userId: string, opts: PageOptions): Promise<Page<ThreadMetadata>> {
    const metas = [...(this.users.get(userId)?.values() ?? [])].map((e) => e.meta);
    return pageOf(metas, opts, "thread");
  }

  async deleteThread(userId: string, threadId: string): Promise<void> {
    this.users.get(userId)?.delete(threadId);
  }

  async loadThreadItems(userId: string, threadId: string, opts: PageOptions): Promise<Page<ThreadItem>> {
    const e = this.users.get(userId)?.get(threadId);
    return pageOf(e?.items.values() ?? [], opts, "item");
  }

  async addThreadItem(userId: string, threadId: string, item: ThreadItem): Promise<void> {
    this.entry(userId, threadId).items.set(item.id, clone(item));
  }

  async saveItem(userId: string, threadId: string, item: ThreadItem): Promise<void> {
    this.entry(userId, threadId).items.set(item.id, clone(item));
  }

  async loadItem(userId: string, threadId: string, itemId: string): Promise<ThreadItem> {
    const item = this.users.get(userId)?.get(threadId)?.items.get(itemId);
    if (!item) throw new NotFoundError(`item ${itemId} not found in thread ${threadId}`);
    return clone(item);
  }

  async deleteThreadItem(userId: string, threadId: string, itemId: string): Promise<void> {
    this.users.get(userId)?.get(threadId)?.items.delete(itemId);
  }

  async close(): Promise<void> {
    this.users.clear();
  }
}
