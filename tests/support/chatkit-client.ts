import { ThreadStreamEventSchema, type ChatKitRequestInput, type ThreadItem, type ThreadStreamEvent } from "@/lib/chatkit/protocol";
import { createSseParser } from "@/lib/chatkit/sse-parser";

/**
 * A small ChatKit client for tests: request bodies shaped as the ChatKit web component sends
 * them, the SSE stream read as it reads it, every event validated against the protocol schemas.
 * Works against a running app (`baseUrl`) or a route handler (`handler`).
 */

/** `UserMessageInput` exactly as the ChatKit client posts it (captured payloads show `quoted_text: ""`). */
export function userInput(text: string) {
  return { content: [{ type: "input_text" as const, text }], quoted_text: "", attachments: [], inference_options: {} };
}

export interface StreamResult {
  status: number;
  headers: Headers;
  events: ThreadStreamEvent[];
  /** Milliseconds from sending to the first event and to the end of the stream. */
  firstEventMs: number | null;
  totalMs: number;
}

/** Reads an SSE body, yielding each event validated (throws on an event the schemas reject). */
export async function* readEvents(body: ReadableStream<Uint8Array>, validate = true): AsyncGenerator<ThreadStreamEvent> {
  const parser = createSseParser();
  const decoder = new TextDecoder();
  const reader = body.getReader();
  const parse = (data: string): ThreadStreamEvent => {
    if (!validate) return JSON.parse(data) as ThreadStreamEvent;
    const parsed = ThreadStreamEventSchema.safeParse(JSON.parse(data));
    if (!parsed.success) throw new Error(`invalid ChatKit event ${data.slice(0, 300)}: ${parsed.error.message}`);
    return parsed.data;
  };
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    for (const data of parser.push(decoder.decode(value, { stream: true }))) yield parse(data);
  }
  parser.end();
}

export interface ChatKitClientOptions {
  /** Base URL of a running app, e.g. http://127.0.0.1:3240. */
  baseUrl?: string;
  /** Or a route handler to call in-process. */
  handler?: (req: Request) => Promise<Response>;
  /** `Origin` header to send; defaults to the base URL's origin. */
  origin?: string | null;
  /** Sent as `x-chart-context`. */
  chartContext?: unknown;
  /** A `sid` cookie value; otherwise the first response's cookie is kept. */
  sid?: string;
  /** Validate every event against the protocol schemas (default true; the load bench turns it off to measure the server). */
  validate?: boolean;
}

export class ChatKitClient {
  sid: string | null;
  chartContext: unknown;
  private readonly base: string;

  constructor(private readonly opts: ChatKitClientOptions) {
    this.base = opts.baseUrl ?? "http://localhost:3000";
    this.sid = opts.sid ?? null;
    this.chartContext = opts.chartContext;
  }

  async post(body: unknown, extraHeaders: Record<string, string> = {}, signal?: AbortSignal): Promise<Response> {
    const headers: Record<string, string> = { "content-type": "application/json", ...extraHeaders };
    const origin = this.opts.origin === undefined ? new URL(this.base).origin : this.opts.origin;
    if (origin) headers.origin = origin;
    if (this.sid) headers.cookie = `sid=${this.sid}`;
    if (this.chartContext !== undefined) headers["x-chart-context"] = JSON.stringify(this.chartContext);
    const init: RequestInit = { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body), signal };
    const url = `${this.base}/api/chatkit`;
    const res = this.opts.handler ? await this.opts.handler(new Request(url, init)) : await fetch(url, init);
    const m = res.headers.get("set-cookie")?.match(/(?:^|,\s*)sid=([^;]+)/);
    if (m?.[1] && !this.sid) this.sid = m[1];
    return res;
  }

  async json<T = unknown>(body: ChatKitRequestInput | unknown): Promise<{ status: number; body: T }> {
    const res = await this.post(body);
    return { status: res.status, body: (await res.json()) as T };
  }

  async stream(body: ChatKitRequestInput | unknown, signal?: AbortSignal): Promise<StreamResult> {
    const started = performance.now();
    const res = await this.post(body, {}, signal);
    const events: ThreadStreamEvent[] = [];
    let firstEventMs: number | null = null;
    if (res.headers.get("content-type")?.startsWith("text/event-stream") && res.body) {
      for await (const ev of readEvents(res.body, this.opts.validate !== false)) {
        firstEventMs ??= performance.now() - started;
        events.push(ev);
      }
    } else {
      await res.body?.cancel();
    }
    return { status: res.status, headers: res.headers, events, firstEventMs, totalMs: performance.now() - started };
  }

  createThread(text: string) {
    return this.stream({ type: "threads.create", params: { input: userInput(text) } });
  }

  addUserMessage(threadId: string, text: string) {
    return this.stream({ type: "threads.add_user_message", params: { thread_id: threadId, input: userInput(text) } });
  }
}

/** The thread id a `threads.create` stream announced. */
export function createdThreadId(events: readonly ThreadStreamEvent[]): string {
  const ev = events.find((e) => e.type === "thread.created");
  if (!ev || ev.type !== "thread.created") throw new Error(`no thread.created in ${events.map((e) => e.type).join(", ")}`);
  return ev.thread.id;
}

/** The first item of `type` a `thread.item.done` event carried (throws when there is none). */
export function doneItem<T extends ThreadItem["type"]>(events: readonly ThreadStreamEvent[], type: T): Extract<ThreadItem, { type: T }> {
  for (const e of events) if (e.type === "thread.item.done" && e.item.type === type) return e.item as Extract<ThreadItem, { type: T }>;
  throw new Error(`no ${type} item done in ${events.map((e) => e.type).join(", ")}`);
}

/** The assistant text as a client assembles it from deltas, replaced by `content_part.done`. */
export function assistantText(events: readonly ThreadStreamEvent[]): string {
  let text = "";
  for (const e of events) {
    if (e.type !== "thread.item.updated") continue;
    if (e.update.type === "assistant_message.content_part.text_delta") text += e.update.delta;
    if (e.update.type === "assistant_message.content_part.done") text = e.update.content.text;
  }
  return text;
}
