/**
 * A push-to-pull bridge: callbacks (the orchestrator's `onEvent`) push, one consumer
 * iterates. An abort ends the iteration at once, even while the producer is still busy.
 */
export class EventQueue<T> implements AsyncIterable<T> {
  private readonly items: T[] = [];
  private waiter: ((v: void) => void) | null = null;
  private closed = false;
  private error: unknown = null;
  private readonly onAbort = () => this.end();

  constructor(private readonly signal?: AbortSignal) {
    if (signal?.aborted) this.closed = true;
    else signal?.addEventListener("abort", this.onAbort, { once: true });
  }

  push(item: T): void {
    if (this.closed) return;
    this.items.push(item);
    this.wake();
  }

  end(): void {
    if (this.closed) return;
    this.closed = true;
    this.signal?.removeEventListener("abort", this.onAbort);
    this.wake();
  }

  fail(error: unknown): void {
    if (this.closed) return;
    this.error = error ?? new Error("producer failed");
    this.end();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = null;
    w?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (;;) {
      if (this.items.length > 0) {
        yield this.items.shift() as T;
        continue;
      }
      if (this.closed) break;
      await new Promise<void>((resolve) => (this.waiter = resolve));
    }
    if (this.error !== null && !this.signal?.aborted) throw this.error;
  }
}
