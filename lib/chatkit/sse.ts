import { encodeEvent, STREAM_ERROR_CODE, type ThreadStreamEvent } from "./protocol";

/** The events as `text/event-stream` frames, ending with an error event if the events fail. */
export async function* eventFrames(events: AsyncIterable<ThreadStreamEvent>): AsyncGenerator<string> {
  try {
    for await (const event of events) yield encodeEvent(event);
  } catch {
    // The server turns failures into error events; this only guards the framing.
    yield encodeEvent({ type: "error", code: STREAM_ERROR_CODE, allow_retry: false });
  }
}
