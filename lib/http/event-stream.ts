import "server-only";
import { SSE_HEADERS } from "./sse";

/**
 * A `text/event-stream` answer as its events and their framing. The production server writes
 * the frames straight to the socket; Next.js and tests get the same stream as a Web `Response`
 * (`toResponse`). A chat stream's `Response` and `ReadableStream` cost ~0.25 ms of CPU before
 * its first event, which 50 streams arriving together pay one after another.
 *
 * The events are pushed, not pulled: when the client leaves, `onCancel` stops the work and the
 * events are still run to their end unsent, so the server keeps what was already done. The
 * source turns its own failures into events; one that throws gets a cut stream.
 */
export class EventStreamReply {
  readonly status = 200;
  readonly cookies: string[] = [];

  private constructor(
    readonly events: AsyncIterable<unknown>,
    readonly frame: (event: unknown) => string,
    readonly onCancel: () => void,
  ) {}

  static of<T>(events: AsyncIterable<T>, frame: (event: T) => string, onCancel: () => void): EventStreamReply {
    // `frame` only ever gets the events it came with.
    return new EventStreamReply(events, frame as (event: unknown) => string, onCancel);
  }

  headers(): Record<string, string | string[]> {
    return this.cookies.length > 0 ? { ...SSE_HEADERS, "set-cookie": this.cookies } : SSE_HEADERS;
  }

  toResponse(): Response {
    const headers = new Headers(SSE_HEADERS);
    for (const cookie of this.cookies) headers.append("set-cookie", cookie);
    return new Response(this.stream(), { headers });
  }

  private stream(): ReadableStream<Uint8Array> {
    const encoder = new TextEncoder();
    let open = true;
    return new ReadableStream<Uint8Array>({
      start: (controller) => {
        void (async () => {
          try {
            for await (const event of this.events) {
              if (open) controller.enqueue(encoder.encode(this.frame(event)));
            }
          } catch (err) {
            if (open) {
              open = false;
              controller.error(err);
            }
          } finally {
            if (open) {
              open = false;
              controller.close();
            }
          }
        })();
      },
      cancel: () => {
        open = false;
        this.onCancel();
      },
    });
  }
}

/** What a route handler answers. */
export type Reply = Response | EventStreamReply;
