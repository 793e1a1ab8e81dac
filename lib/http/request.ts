import "server-only";
import type { IncomingMessage } from "node:http";
import { Readable } from "node:stream";

/**
 * What a route handler receives: a Web `Request` when Next.js (or a test) calls it, a
 * NodeRequest when the production server does. Handlers read only what both have: method,
 * url, `headers.get`, signal and body.
 */
export type ApiRequest = Request | NodeRequest;

/** Header lookups straight from Node's parsed headers, as a Web `Headers.get` answers them. */
class NodeHeaders {
  /** Read now: once the client has gone, the socket no longer knows it. */
  private readonly peer: string | undefined;

  constructor(private readonly msg: IncomingMessage) {
    this.peer = msg.socket.remoteAddress;
  }

  get(name: string): string | null {
    const key = name.toLowerCase();
    const value = this.msg.headers[key];
    // Next.js adds the peer address the same way, and the per-client rate limit keys on it.
    if (value === undefined) return key === "x-forwarded-for" ? (this.peer ?? null) : null;
    return Array.isArray(value) ? value.join(", ") : value;
  }

  toHeaders(): Headers {
    const headers = new Headers();
    const raw = this.msg.rawHeaders;
    for (let i = 0; i < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
    if (this.peer && !headers.has("x-forwarded-for")) headers.set("x-forwarded-for", this.peer);
    return headers;
  }
}

/**
 * A Node request as a handler reads it, without building an undici `Request`: that cost
 * ~0.45 ms of CPU per API call here (URL, header list, signal, body stream), a quarter of a
 * chat stream's work before its first event, and 50 streams arriving together wait on each
 * other's. `bufferedBody` is the whole body once it has been read (by the server before the
 * handler ran, or by `readJson`); `body` is only made into a stream when something asks for one.
 */
export class NodeRequest {
  readonly method: string;
  readonly headers: NodeHeaders;
  #buffered: Buffer<ArrayBuffer> | null;
  #body: ReadableStream<Uint8Array> | null | undefined;

  constructor(
    private readonly msg: IncomingMessage,
    readonly url: string,
    readonly signal: AbortSignal,
    bufferedBody: Buffer<ArrayBuffer> | null,
  ) {
    this.method = msg.method ?? "GET";
    this.headers = new NodeHeaders(msg);
    this.#buffered = bufferedBody;
  }

  get bufferedBody(): Buffer<ArrayBuffer> | null {
    return this.#buffered;
  }

  get body(): ReadableStream<Uint8Array> | null {
    if (this.#body === undefined) this.#body = this.#buffered ? new Blob([this.#buffered]).stream() : hasNoBody(this.method) ? null : (Readable.toWeb(this.msg) as ReadableStream<Uint8Array>);
    return this.#body;
  }

  /** Keeps a body read from the stream, so a Web Request made later still carries it. */
  keepBody(bytes: Buffer<ArrayBuffer>): void {
    this.#buffered = bytes;
  }

  /** A Web `Request` for a library that needs one (the MCP SDK's transport). */
  toRequest(): Request {
    const body = this.#buffered ?? this.body;
    return new Request(this.url, { method: this.method, headers: this.headers.toHeaders(), signal: this.signal, body, duplex: "half" } as RequestInit);
  }
}

export function hasNoBody(method: string): boolean {
  return method === "GET" || method === "HEAD";
}

export function webRequest(req: ApiRequest): Request {
  return req instanceof NodeRequest ? req.toRequest() : req;
}
