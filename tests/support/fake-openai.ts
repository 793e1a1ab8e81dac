import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local OpenAI-compatible Responses API (`POST /v1/responses`) that plays scripted replies,
 * so engines are tested against real HTTP, real SSE and the real `openai` client. Point the
 * client at `fake.url` (OPENAI_BASE_URL). Each request takes the next reply from the queue;
 * an empty queue answers 500 so a test that forgot a reply fails loudly.
 */

export interface ScriptedToolCall {
  name: string;
  /** A string is sent as is (so tests can send broken JSON); an object is JSON-encoded. */
  arguments: string | Record<string, unknown>;
  call_id?: string;
}

interface Timing {
  /** Wait before the status line (a slow model). */
  delayMs?: number;
  /** Wait between stream events (a slow stream). */
  chunkDelayMs?: number;
}

export type ScriptedReply = Timing &
  (
    | { type: "text"; text: string; /** How many deltas to split the text into (default 3). */ chunks?: number }
    | { type: "tool_calls"; calls: ScriptedToolCall[]; /** Text streamed before the calls. */ text?: string }
    | { type: "error"; status: number; message?: string; headers?: Record<string, string> }
    /** An `error` event in the middle of a 200 stream. */
    | { type: "stream_error"; message?: string; text?: string }
    /** Headers never come; the request ends only when the client gives up. */
    | { type: "hang" }
  );

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** The parsed JSON body (null when it was not JSON). */
  body: Record<string, unknown> | null;
  receivedAt: number;
}

export type ReplySource = ScriptedReply | ((req: RecordedRequest) => ScriptedReply);

export interface FakeOpenAI {
  /** Base URL including `/v1`, as OPENAI_BASE_URL takes it. */
  readonly url: string;
  readonly requests: RecordedRequest[];
  enqueue(...replies: ReplySource[]): void;
  /** Replies not yet used. */
  pending(): number;
  reset(): void;
  close(): Promise<void>;
}

let seq = 0;
const nextId = (prefix: string) => `${prefix}_${Date.now().toString(36)}${(seq++).toString(36)}`;

function split(text: string, chunks: number): string[] {
  if (!text) return [];
  const size = Math.max(1, Math.ceil(text.length / Math.max(1, chunks)));
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

function responseObject(id: string, model: string, status: string, output: unknown[]): Record<string, unknown> {
  return {
    id,
    object: "response",
    created_at: Math.floor(Date.now() / 1000),
    status,
    model,
    output,
    parallel_tool_calls: true,
    tool_choice: "auto",
    tools: [],
    error: null,
    incomplete_details: null,
    instructions: null,
    metadata: {},
    temperature: 1,
    top_p: 1,
    usage: { input_tokens: 1, output_tokens: 1, total_tokens: 2, input_tokens_details: { cached_tokens: 0 }, output_tokens_details: { reasoning_tokens: 0 } },
  };
}

function messageItem(text: string) {
  return { id: nextId("msg"), type: "message", role: "assistant", status: "completed", content: [{ type: "output_text", text, annotations: [] }] };
}

function callItem(call: ScriptedToolCall) {
  return {
    id: nextId("fc"),
    type: "function_call",
    status: "completed",
    call_id: call.call_id ?? nextId("call"),
    name: call.name,
    arguments: typeof call.arguments === "string" ? call.arguments : JSON.stringify(call.arguments),
  };
}

/** The stream events a real Responses API sends for this reply, in order. */
function streamEvents(reply: ScriptedReply, model: string): Record<string, unknown>[] {
  const id = nextId("resp");
  const events: Record<string, unknown>[] = [{ type: "response.created", response: responseObject(id, model, "in_progress", []) }];
  const output: unknown[] = [];
  const text = reply.type === "text" || reply.type === "tool_calls" || reply.type === "stream_error" ? (reply.text ?? "") : "";
  if (text) {
    const item = messageItem(text);
    const index = output.length;
    events.push({ type: "response.output_item.added", output_index: index, item: { ...item, status: "in_progress", content: [] } });
    events.push({ type: "response.content_part.added", item_id: item.id, output_index: index, content_index: 0, part: { type: "output_text", text: "", annotations: [] } });
    for (const delta of split(text, reply.type === "text" ? (reply.chunks ?? 3) : 2)) {
      events.push({ type: "response.output_text.delta", item_id: item.id, output_index: index, content_index: 0, delta, logprobs: [] });
    }
    if (reply.type === "stream_error") {
      events.push({ type: "error", code: "server_error", message: reply.message ?? "stream failed", param: null });
      return events;
    }
    events.push({ type: "response.output_text.done", item_id: item.id, output_index: index, content_index: 0, text, logprobs: [] });
    events.push({ type: "response.content_part.done", item_id: item.id, output_index: index, content_index: 0, part: item.content[0] });
    events.push({ type: "response.output_item.done", output_index: index, item });
    output.push(item);
  } else if (reply.type === "stream_error") {
    events.push({ type: "error", code: "server_error", message: reply.message ?? "stream failed", param: null });
    return events;
  }
  if (reply.type === "tool_calls") {
    for (const call of reply.calls) {
      const item = callItem(call);
      const index = output.length;
      events.push({ type: "response.output_item.added", output_index: index, item: { ...item, status: "in_progress", arguments: "" } });
      events.push({ type: "response.function_call_arguments.delta", item_id: item.id, output_index: index, delta: item.arguments });
      events.push({ type: "response.function_call_arguments.done", item_id: item.id, output_index: index, arguments: item.arguments, name: item.name });
      events.push({ type: "response.output_item.done", output_index: index, item });
      output.push(item);
    }
  }
  events.push({ type: "response.completed", response: responseObject(id, model, "completed", output) });
  return events.map((e, i) => ({ ...e, sequence_number: i }));
}

function finalOutput(reply: ScriptedReply): unknown[] {
  const out: unknown[] = [];
  if ((reply.type === "text" || reply.type === "tool_calls") && reply.text) out.push(messageItem(reply.text));
  if (reply.type === "tool_calls") out.push(...reply.calls.map(callItem));
  return out;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export async function startFakeOpenAI(): Promise<FakeOpenAI> {
  const queue: ReplySource[] = [];
  const requests: RecordedRequest[] = [];
  const open = new Set<ServerResponse>();

  const sleep = (ms: number, res: ServerResponse) =>
    new Promise<boolean>((resolve) => {
      if (!ms) return resolve(!res.destroyed);
      const t = setTimeout(() => resolve(!res.destroyed), ms);
      res.once("close", () => {
        clearTimeout(t);
        resolve(false);
      });
    });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    open.add(res);
    res.once("close", () => open.delete(res));
    const raw = await readBody(req);
    let body: Record<string, unknown> | null = null;
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      body = null;
    }
    const recorded: RecordedRequest = { method: req.method ?? "", path: req.url ?? "", headers: req.headers, body, receivedAt: Date.now() };
    requests.push(recorded);

    if (req.method !== "POST" || !(req.url ?? "").replace(/\?.*$/, "").endsWith("/responses")) {
      res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: `fake-openai: no route ${req.method} ${req.url}`, type: "invalid_request_error" } }));
      return;
    }
    const source = queue.shift();
    const reply: ScriptedReply = source === undefined
      ? { type: "error", status: 500, message: "fake-openai: no scripted reply left" }
      : typeof source === "function"
        ? source(recorded)
        : source;

    if (!(await sleep(reply.delayMs ?? 0, res))) return;
    if (reply.type === "hang") return;
    if (reply.type === "error") {
      res.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
      res.end(JSON.stringify({ error: { message: reply.message ?? `fake-openai: status ${reply.status}`, type: reply.status === 429 ? "rate_limit_exceeded" : "server_error", code: null, param: null } }));
      return;
    }
    const model = typeof body?.model === "string" ? body.model : "fake-model";
    if (body?.stream !== true) {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(responseObject(nextId("resp"), model, "completed", finalOutput(reply))));
      return;
    }
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
    for (const event of streamEvents(reply, model)) {
      if (!(await sleep(reply.chunkDelayMs ?? 0, res))) return;
      res.write(`event: ${String(event.type)}\ndata: ${JSON.stringify(event)}\n\n`);
    }
    res.end();
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: `fake-openai crashed: ${String(err)}` } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    enqueue: (...replies) => void queue.push(...replies),
    pending: () => queue.length,
    reset: () => {
      queue.length = 0;
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of open) res.destroy();
        server.close(() => resolve());
        server.closeAllConnections?.();
      }),
  };
}
