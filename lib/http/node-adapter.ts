import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import { log } from "@/lib/log/logger";
import { EventStreamReply, type Reply } from "./event-stream";
import { isValidHost } from "./origin";
import { hasNoBody, NodeRequest, type ApiRequest } from "./request";
import { errorResponse } from "./route";

export type WebHandler = (req: ApiRequest) => Promise<Reply> | Reply;

/**
 * Bodies up to this size are read into one buffer before the handler runs: cheaper than a
 * streamed body for the small JSON requests that make up nearly all API traffic. Larger or
 * undeclared ones stream, so the handler's own size limit still stops a lying client early.
 */
const BUFFERED_BODY_MAX = 64 * 1024;

/** Socket data is never backed by a SharedArrayBuffer, so the narrower type holds. */
function readBuffered(req: IncomingMessage): Promise<Buffer<ArrayBuffer>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer<ArrayBuffer>[] = [];
    req.on("data", (c: Buffer<ArrayBuffer>) => chunks.push(c));
    req.on("end", () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

async function toApiRequest(req: IncomingMessage, signal: AbortSignal): Promise<NodeRequest> {
  // A malformed Host must not make the URL unparsable or move the path into it.
  const host = isValidHost(req.headers.host) ? req.headers.host : "localhost";
  const url = `http://${host}${req.url?.startsWith("/") ? req.url : "/"}`;
  const declared = Number(req.headers["content-length"]);
  const buffered = !hasNoBody(req.method ?? "GET") && Number.isFinite(declared) && declared <= BUFFERED_BODY_MAX ? await readBuffered(req) : null;
  return new NodeRequest(req, url, signal, buffered);
}

/**
 * Resolves on `drain`, `close` or the request's abort (a shutdown ending a stalled client's
 * stream), whichever comes first, leaving no listener behind on a long stream.
 */
function drained(res: ServerResponse, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done).off("close", done);
      signal.removeEventListener("abort", done);
      resolve();
    };
    res.on("drain", done).on("close", done);
    signal.addEventListener("abort", done, { once: true });
  });
}

/** Event streams in flight, so a shutting-down server can end them (their clients reconnect elsewhere). */
const eventStreams = new Set<AbortController>();

export function closeEventStreams(): void {
  for (const controller of eventStreams) controller.abort();
}

/**
 * Chunks produced in one go (a stream's opening events, a burst of text deltas) leave in one
 * write: the socket is corked until the microtasks that produced them have run.
 */
function corkedWriter(res: ServerResponse, signal: AbortSignal): (chunk: Uint8Array | string) => Promise<void> | undefined {
  let corked = false;
  const uncork = () => {
    corked = false;
    res.uncork();
  };
  return (chunk) => {
    if (!corked) {
      corked = true;
      res.cork();
      process.nextTick(uncork);
    }
    // Respect the socket's backpressure: a slow reader of a long stream must not grow our memory.
    return res.write(chunk) || signal.aborted ? undefined : drained(res, signal);
  };
}

async function writeBody(body: ReadableStream<Uint8Array>, res: ServerResponse, signal: AbortSignal): Promise<void> {
  const reader = body.getReader();
  const cancel = () => void reader.cancel().catch(() => undefined);
  signal.addEventListener("abort", cancel, { once: true });
  const write = corkedWriter(res, signal);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done || signal.aborted) break;
      await write(value);
    }
  } finally {
    signal.removeEventListener("abort", cancel);
  }
}

/** An EventStreamReply's events as they come; once the client has left, the rest run unsent. */
async function writeFrames(reply: EventStreamReply, res: ServerResponse, signal: AbortSignal): Promise<void> {
  const cancel = () => reply.onCancel();
  if (signal.aborted) cancel();
  else signal.addEventListener("abort", cancel, { once: true });
  const write = corkedWriter(res, signal);
  try {
    for await (const event of reply.events) {
      if (!signal.aborted) await write(reply.frame(event));
    }
  } finally {
    signal.removeEventListener("abort", cancel);
  }
}

/**
 * Serves one Node request with a Web-standard route handler (the same functions Next.js calls
 * from `app/api/**\/route.ts`), so the production server can answer API routes without Next's
 * per-request rendering pipeline. A client that goes away aborts `request.signal`, which the
 * streaming routes (SSE) listen to.
 */
export async function serveWithHandler(handler: WebHandler, req: IncomingMessage, res: ServerResponse, route: string): Promise<void> {
  const controller = new AbortController();
  res.once("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  let response: Reply;
  try {
    response = await handler(await toApiRequest(req, controller.signal));
  } catch (err) {
    // A client that left mid-upload is not a server error, and there is no one to answer.
    if (req.socket.destroyed) return;
    response = errorResponse(err, route);
  }
  if (response instanceof EventStreamReply) {
    res.writeHead(response.status, response.headers());
    // HEAD wants no body: the work stops as it does when a client leaves.
    if (req.method === "HEAD") controller.abort();
    await streamEvents(res, controller, route, () => writeFrames(response, res, controller.signal));
    return;
  }
  res.statusCode = response.status;
  for (const [name, value] of response.headers) {
    if (name !== "set-cookie") res.setHeader(name, value);
  }
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader("set-cookie", cookies);
  if (!response.body || req.method === "HEAD") {
    await response.body?.cancel().catch(() => undefined);
    res.end();
    return;
  }
  if (!response.headers.get("content-type")?.startsWith("text/event-stream")) {
    // A whole body goes out in one write with its length: one syscall instead of three chunked ones.
    let body = Buffer.from(await response.arrayBuffer());
    if (body.byteLength >= GZIP_MIN_BYTES && !response.headers.has("content-encoding") && acceptsGzip(req.headers["accept-encoding"])) {
      body = await gzipAsync(body);
      res.setHeader("content-encoding", "gzip");
      res.setHeader("vary", "accept-encoding");
    }
    res.setHeader("content-length", body.byteLength);
    res.end(body);
    return;
  }
  const body = response.body;
  await streamEvents(res, controller, route, () => writeBody(body, res, controller.signal));
}

async function streamEvents(res: ServerResponse, controller: AbortController, route: string, write: () => Promise<void>): Promise<void> {
  eventStreams.add(controller);
  try {
    await write();
    res.end();
  } catch (err) {
    // Headers are gone already: all that is left is to cut the connection so the client sees a broken stream, not a short one.
    log.error("response stream failed", { route, error: err instanceof Error ? err.message : String(err) });
    res.destroy();
  } finally {
    eventStreams.delete(controller);
  }
}

/**
 * Larger bodies (candles, an analysis, openapi.json) are gzipped for clients that accept it,
 * as `next start` did, on libuv's thread pool; small ones (a chart action, health) are not
 * worth the CPU. Event streams are never compressed: compression would hold events back.
 */
const GZIP_MIN_BYTES = 8 * 1024;

/** `gzip` (or `*`) listed without `q=0`. */
function acceptsGzip(header: string | undefined): boolean {
  for (const part of (header ?? "").split(",")) {
    const [coding, ...params] = part.trim().toLowerCase().split(";");
    if (coding !== "gzip" && coding !== "*") continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return !q || Number(q.slice(2)) > 0;
  }
  return false;
}
const gzipAsync = promisify(gzip);
