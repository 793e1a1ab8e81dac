import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { POST, GET } from "@/app/api/chatkit/route";
import { ChartCommandSchema } from "@/lib/commands/schema";
import type { ThreadStreamEvent } from "@/lib/chatkit/protocol";
import { resetServerEnv } from "@/lib/config/env";
import { contextStore } from "@/lib/context-store";
import { userIdForSid } from "@/lib/users/session";
import { assistantText, ChatKitClient, createdThreadId, userInput, type StreamResult } from "@/tests/support/chatkit-client";
import { startFakeOpenAI, type FakeOpenAI } from "@/tests/support/fake-openai";

const dir = mkdtempSync(path.join(tmpdir(), "chatkit-route-"));
const BASE = "http://localhost:3000";
const TSLA_1D = { symbol: "TSLA", timeframe: "1D" };
const ENV_KEYS = ["DATA_DIR", "CHATKIT_DB_PATH", "RATE_LIMIT_PER_MIN", "MARKET_DATA_PROVIDER", "LOG_SILENT", "CHATKIT_ORIGINS", "OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_TIMEOUT_MS", "REDIS_URL", "SESSION_SECRET"];
const saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));

function setEnv(extra: Record<string, string | undefined> = {}) {
  for (const k of ENV_KEYS) delete process.env[k];
  Object.assign(process.env, {
    DATA_DIR: dir,
    CHATKIT_DB_PATH: path.join(dir, "chatkit.db"),
    RATE_LIMIT_PER_MIN: "0",
    MARKET_DATA_PROVIDER: "demo",
    LOG_SILENT: "1",
    SESSION_SECRET: "test-secret",
    CHATKIT_ORIGINS: "http://127.0.0.1:3101",
  });
  for (const [k, v] of Object.entries(extra)) if (v === undefined) delete process.env[k];
  else process.env[k] = v;
  resetServerEnv();
}

const client = (opts: ConstructorParameters<typeof ChatKitClient>[0] = {}) => new ChatKitClient({ baseUrl: BASE, handler: POST, ...opts });
const names = (r: StreamResult) => r.events.map((e) => (e.type === "thread.item.updated" ? `updated:${e.update.type}` : "item" in e ? `${e.type}:${e.item.type}` : e.type));
const indexOf = (r: StreamResult, pred: (e: ThreadStreamEvent) => boolean) => r.events.findIndex(pred);

beforeEach(() => setEnv());
afterAll(() => {
  for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k];
  else process.env[k] = v;
  resetServerEnv();
  rmSync(dir, { recursive: true, force: true });
});

describe("POST /api/chatkit with the rules engine", () => {
  it("streams a chart answer: events valid, in order, drawings before the text finishes", async () => {
    const c = client({ chartContext: TSLA_1D });
    const r = await c.createThread("draw support and resistance");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(r.headers.get("cache-control")).toMatch(/no-cache/);
    expect(c.sid).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const n = names(r);
    expect(n.slice(0, 3)).toEqual(["thread.created", "thread.item.done:user_message", "stream_options"]);
    const progress = indexOf(r, (e) => e.type === "progress_update");
    const effect = indexOf(r, (e) => e.type === "client_effect");
    const added = indexOf(r, (e) => e.type === "thread.item.added" && e.item.type === "assistant_message");
    const done = indexOf(r, (e) => e.type === "thread.item.done" && e.item.type === "assistant_message");
    expect(progress).toBeGreaterThan(2);
    expect(effect).toBeGreaterThan(progress);
    expect(done).toBeGreaterThan(effect);
    expect(added).toBeGreaterThan(progress);
    expect(n.slice(added, done + 1)).toEqual(expect.arrayContaining(["updated:assistant_message.content_part.added", "updated:assistant_message.content_part.text_delta", "updated:assistant_message.content_part.done"]));
    const progressEvent = r.events[progress] as { text: string };
    expect(progressEvent.text).toMatch(/support and resistance on TSLA/i);
    const commands = ((r.events[effect] as unknown as { data: { commands: unknown[] } }).data.commands).map((x) => ChartCommandSchema.parse(x));
    expect(commands.some((x) => x.type === "horizontal_line" && x.role === "support")).toBe(true);
    expect(assistantText(r.events)).toMatch(/TSLA/);
    expect(r.events.some((e) => e.type === "error")).toBe(false);
    expect(r.events.some((e) => e.type === "thread.updated" && e.thread.title === "draw support and resistance")).toBe(true);
  });

  it("answers a level question with the card and keeps the thread for the next request", async () => {
    const c = client({ chartContext: TSLA_1D });
    const r = await c.createThread("find support and resistance levels");
    const widget = r.events.find((e) => e.type === "thread.item.done" && e.item.type === "widget");
    expect(widget).toBeDefined();
    expect(JSON.stringify(widget)).toContain("chart.remove_drawing");
    const threadId = createdThreadId(r.events);
    const listed = await c.json<{ data: { id: string; title: string }[] }>({ type: "threads.list", params: { limit: 20, order: "desc" } });
    expect(listed.status).toBe(200);
    expect(listed.body.data[0]).toMatchObject({ id: threadId, title: "find support and resistance levels" });
    const items = await c.json<{ data: { type: string }[] }>({ type: "items.list", params: { thread_id: threadId, order: "asc" } });
    expect(items.body.data.map((i) => i.type)).toEqual(["user_message", "assistant_message", "widget"]);
  });

  it("uses the user's stored chart context when the header is absent or invalid", async () => {
    const c = client();
    await c.json({ type: "threads.list", params: {} });
    await contextStore().put(userIdForSid(c.sid!), { symbol: "AAPL", timeframe: "1h", snapshot_id: undefined, visible_range: undefined }, []);
    const r = await c.createThread("what chart is loaded?");
    expect(assistantText(r.events)).toMatch(/AAPL/);
    c.chartContext = { symbol: "not a symbol!!", timeframe: "1D" };
    const r2 = await c.createThread("what chart is loaded?");
    expect(assistantText(r2.events)).toMatch(/AAPL/);
  });

  it("asks which symbol when there is no context anywhere", async () => {
    const r = await client().createThread("draw support and resistance");
    expect(assistantText(r.events)).toMatch(/symbol/i);
    expect(r.events.some((e) => e.type === "client_effect")).toBe(false);
  });
});

describe("POST /api/chatkit: safety and bad input", () => {
  const errorBody = { success: false, code: expect.any(String), error: expect.any(String), text: expect.any(String) };

  it("refuses a foreign Origin with 403 and accepts an allowed one", async () => {
    const foreign = await client({ origin: "https://evil.example" }).json({ type: "threads.list", params: {} });
    expect(foreign).toEqual({ status: 403, body: { ...errorBody, code: "forbidden" } });
    const nullOrigin = await client({ origin: "null" }).json({ type: "threads.list", params: {} });
    expect(nullOrigin.status).toBe(403);
    const allowed = await client({ origin: "http://127.0.0.1:3101" }).json({ type: "threads.list", params: {} });
    expect(allowed.status).toBe(200);
  });

  it("answers 413 for a huge body, 400 for malformed JSON and unknown types, 405 for GET", async () => {
    const c = client();
    const huge = await c.post({ type: "threads.create", params: { input: userInput("x".repeat(70_000)) } });
    expect([huge.status, ((await huge.json()) as { code: string }).code]).toEqual([413, "payload_too_large"]);
    const malformed = await c.post("{not json");
    expect([malformed.status, await malformed.json()]).toEqual([400, { ...errorBody, code: "invalid_request", error: "body: malformed JSON" }]);
    const unknown = await c.json<{ error: string }>({ type: "threads.explode", params: {} });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatch(/^type: unknown request type/);
    const badParams = await c.json<{ error: string }>({ type: "threads.create", params: { input: { content: "hi" } } });
    expect([badParams.status, badParams.body.error]).toEqual([400, expect.stringMatching(/^params\.input\.content/)]);
    const get = await GET(new Request(`${BASE}/api/chatkit`));
    expect([get.status, get.headers.get("allow")]).toEqual([405, "POST"]);
  });

  it("keeps each user's threads to that user", async () => {
    const alice = client({ chartContext: TSLA_1D });
    const threadId = createdThreadId((await alice.createThread("alice's question")).events);
    const bob = client({ chartContext: TSLA_1D });
    const got = await bob.json({ type: "threads.get_by_id", params: { thread_id: threadId } });
    expect(got).toEqual({ status: 404, body: { ...errorBody, code: "not_found" } });
    const post = await bob.addUserMessage(threadId, "hijack");
    expect([post.status, post.events]).toEqual([404, []]);
    const listed = await bob.json<{ data: unknown[] }>({ type: "threads.list", params: {} });
    expect(listed.body.data.every((t) => (t as { id: string }).id !== threadId)).toBe(true);
    const mine = await alice.json({ type: "threads.get_by_id", params: { thread_id: threadId } });
    expect(mine.status).toBe(200);
  });
});

describe("POST /api/chatkit with the model engine (local OpenAI-compatible server)", () => {
  let fake: FakeOpenAI;
  beforeAll(async () => {
    fake = await startFakeOpenAI();
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.reset();
    setEnv({ OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: fake.url, OPENAI_TIMEOUT_MS: "5000" });
  });

  it("streams the model's text as deltas after the tool's drawings", async () => {
    const finalText = "TSLA on the daily has support near the recent swing lows and resistance above; both are drawn.";
    fake.enqueue({ type: "tool_calls", calls: [{ name: "support_resistance", arguments: {} }] }, { type: "text", text: finalText, chunks: 5 });
    const r = await client({ chartContext: TSLA_1D }).createThread("draw support and resistance");
    const deltas = r.events.filter((e) => e.type === "thread.item.updated" && e.update.type === "assistant_message.content_part.text_delta");
    expect(deltas.length).toBeGreaterThanOrEqual(5);
    expect(assistantText(r.events)).toBe(finalText);
    const effect = indexOf(r, (e) => e.type === "client_effect");
    const firstDelta = r.events.indexOf(deltas[0]!);
    expect(effect).toBeGreaterThan(-1);
    expect(effect).toBeLessThan(firstDelta);
    expect(r.events.some((e) => e.type === "error" || e.type === "notice")).toBe(false);
  });

  it("survives a tool call with bad arguments", async () => {
    fake.enqueue({ type: "tool_calls", calls: [{ name: "support_resistance", arguments: "{not json" }] }, { type: "text", text: "I could not run that tool, sorry." });
    const r = await client({ chartContext: TSLA_1D }).createThread("draw support and resistance");
    expect(r.status).toBe(200);
    expect(r.events.some((e) => e.type === "error")).toBe(false);
    expect(r.events.some((e) => e.type === "thread.item.done" && e.item.type === "assistant_message")).toBe(true);
  });

  it("falls back to the rules engine with a notice when the model fails mid-stream", async () => {
    fake.enqueue({ type: "stream_error", text: "Partial model answ", message: "server exploded" });
    const r = await client({ chartContext: TSLA_1D }).createThread("draw support and resistance");
    expect(r.status).toBe(200);
    const notice = r.events.find((e) => e.type === "notice");
    expect(notice).toMatchObject({ level: "warning", message: expect.stringMatching(/built-in analysis rules/) });
    expect(r.events.some((e) => e.type === "error")).toBe(false);
    expect(assistantText(r.events)).toMatch(/TSLA/);
    expect(assistantText(r.events)).not.toMatch(/Partial model answ/);
    expect(r.events.some((e) => e.type === "client_effect")).toBe(true);
  });

  it("falls back on an HTTP 500", async () => {
    fake.enqueue({ type: "error", status: 500, message: "boom" });
    const r = await client({ chartContext: TSLA_1D }).createThread("draw support and resistance");
    expect(r.events.some((e) => e.type === "notice")).toBe(true);
    expect(r.events.some((e) => e.type === "thread.item.done" && e.item.type === "assistant_message")).toBe(true);
  });
});
