/** Server-sent events as both of our streams (ChatKit, chart commands) send them; client-safe. */

export const SSE_HEADERS: Readonly<Record<string, string>> = {
  "content-type": "text/event-stream; charset=utf-8",
  // no-transform keeps compression from buffering the stream.
  "cache-control": "no-cache, no-transform",
  connection: "keep-alive",
  // Proxies such as nginx buffer responses unless told not to; a buffered stream is not a stream.
  "x-accel-buffering": "no",
};

/** One `data:` frame; JSON.stringify escapes newlines, so a frame never splits. */
export function sseFrame(value: unknown): string {
  return `data: ${JSON.stringify(value)}\n\n`;
}
