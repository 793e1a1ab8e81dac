import { encodeEvent, STREAM_ERROR_CODE, type ThreadStreamEvent } from "./protocol";

/**
 * The event iterable as a `text/event-stream` body. It pushes rather than waits to be pulled:
 * when the client leaves, `onCancel` aborts the work and the iterable still runs to its end,
 * so the server can store what was already done.
 */
export function eventStreamBody(events: AsyncIterable<ThreadStreamEvent>, onCancel: () => void): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let open = true;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      void (async () => {
        try {
          for await (const event of events) {
            if (open) controller.enqueue(encoder.encode(encodeEvent(event)));
          }
        } catch {
          // The server turns failures into error events; this only guards the framing.
          if (open) controller.enqueue(encoder.encode(encodeEvent({ type: "error", code: STREAM_ERROR_CODE, allow_retry: false })));
        } finally {
          if (open) {
            open = false;
            controller.close();
          }
        }
      })();
    },
    cancel() {
      open = false;
      onCancel();
    },
  });
}
