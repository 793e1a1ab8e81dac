import "server-only";
import { sseFrame } from "@/lib/http/sse";
import { streamMessage, type CommandEvent } from "./event";
import type { Unsubscribe } from "./bus";

export const PING_INTERVAL_MS = 15_000;

export interface CommandStreamOptions {
  subscribe: (listener: (event: CommandEvent) => void) => Unsubscribe;
  signal: AbortSignal;
  pingMs?: number;
}

/**
 * The user's command events as server-sent events, with a comment every `pingMs` so proxies
 * keep the connection; everything is released when the client goes away.
 */
export async function commandEventStream({ subscribe, signal, pingMs = PING_INTERVAL_MS }: CommandStreamOptions): Promise<ReadableStream<Uint8Array>> {
  const encoder = new TextEncoder();
  let controller: ReadableStreamDefaultController<Uint8Array> | null = null;
  let closed = false;
  const queue: string[] = [];

  const send = (chunk: string) => {
    if (closed) return;
    if (!controller) {
      queue.push(chunk);
      return;
    }
    try {
      controller.enqueue(encoder.encode(chunk));
    } catch {
      cleanup();
    }
  };

  const unsubscribe = subscribe((event) => send(sseFrame(streamMessage(event))));
  const timer = setInterval(() => send(": ping\n\n"), pingMs);

  function cleanup() {
    if (closed) return;
    closed = true;
    clearInterval(timer);
    unsubscribe();
    signal.removeEventListener("abort", cleanup);
    try {
      controller?.close();
    } catch {
      // Already closed by the reader.
    }
  }
  signal.addEventListener("abort", cleanup);
  if (signal.aborted) cleanup();

  try {
    // Answer only once events published elsewhere will reach us, so a client that sees the
    // stream open can rely on it.
    await unsubscribe.ready;
  } catch {
    // Redis unreachable: serve the stream anyway; EventSource reconnects after `retry`.
  }

  return new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
      c.enqueue(encoder.encode("retry: 3000\n: connected\n\n"));
      for (const chunk of queue.splice(0)) c.enqueue(encoder.encode(chunk));
      if (closed) c.close();
    },
    cancel: cleanup,
  });
}
