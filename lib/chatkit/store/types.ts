import { randomHex } from "@/lib/security/random";
import type { Page, ThreadItem, ThreadMetadata } from "@/lib/chatkit/protocol";

/**
 * The thread store, modelled on chatkit-python's `Store` (chatkit/store.py) without
 * attachments (this server does not accept them). Every call is scoped by user id: a thread
 * or item of another user does not exist for the caller.
 *
 * Writes apply in the order they are called, and a read through the same store object sees
 * every write called before it, awaited or not: the server sends an event once its write is
 * called and awaits the writes before the stream ends.
 */

/** chatkit-python's `StoreItemType` and id prefixes. */
export const ID_PREFIXES = {
  thread: "thr",
  message: "msg",
  tool_call: "tc",
  workflow: "wf",
  task: "tsk",
  attachment: "atc",
  sdk_hidden_context: "shcx",
} as const;
export type StoreItemType = keyof typeof ID_PREFIXES;

/** `thr_` + 16 hex digits: 64 random bits, twice the Python default, since ids are guessable targets. */
export function generateId(type: StoreItemType): string {
  return `${ID_PREFIXES[type]}_${randomHex(8)}`;
}

export interface PageOptions {
  limit: number;
  order: "asc" | "desc";
  /** Id of the last record of the previous page; the page starts after it in `order`. */
  after?: string | null;
}

export class NotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NotFoundError";
  }
}

export type StoreKind = "memory" | "sqlite" | "redis";

export interface ThreadStore {
  readonly kind: StoreKind;
  generateThreadId(): string;
  generateItemId(type: StoreItemType): string;

  /** @throws NotFoundError when the user has no such thread. */
  loadThread(userId: string, threadId: string): Promise<ThreadMetadata>;
  /** Insert or update; a new thread goes after the user's existing ones in creation order. */
  saveThread(userId: string, thread: ThreadMetadata): Promise<void>;
  /** Threads in creation order. @throws NotFoundError for an unknown `after`. */
  loadThreads(userId: string, opts: PageOptions): Promise<Page<ThreadMetadata>>;
  /** Deletes the thread and its items; unknown ids are a no-op. */
  deleteThread(userId: string, threadId: string): Promise<void>;

  /** Items in the order they were added. @throws NotFoundError for an unknown `after`. */
  loadThreadItems(userId: string, threadId: string, opts: PageOptions): Promise<Page<ThreadItem>>;
  /** Appends an item (an existing id is overwritten in place). */
  addThreadItem(userId: string, threadId: string, item: ThreadItem): Promise<void>;
  /** Upserts an item by id, keeping its position. */
  saveItem(userId: string, threadId: string, item: ThreadItem): Promise<void>;
  /** @throws NotFoundError */
  loadItem(userId: string, threadId: string, itemId: string): Promise<ThreadItem>;
  deleteThreadItem(userId: string, threadId: string, itemId: string): Promise<void>;

  close(): Promise<void>;
}

/** Splits `limit + 1` fetched rows into a page, as chatkit-python's sample stores do. */
export function toPage<T extends { id: string }>(rows: T[], limit: number): Page<T> {
  const hasMore = rows.length > limit;
  const data = hasMore ? rows.slice(0, limit) : rows;
  return { data, has_more: hasMore, after: hasMore ? (data[data.length - 1]?.id ?? null) : null };
}
