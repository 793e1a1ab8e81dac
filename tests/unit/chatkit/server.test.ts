import { ChartCommandSchema } from "@/lib/commands/schema";
import {
  JSON_RESPONSE_SCHEMAS,
  ThreadStreamEventSchema,
  type ThreadItem,
  type ThreadStreamEvent,
  type WidgetItem,
} from "@/lib/chatkit/protocol";
import { createChartResponder } from "@/lib/chatkit/responder";
import { process as processRequest, type ProcessContext } from "@/lib/chatkit/server";
import { MemoryThreadStore } from "@/lib/chatkit/store/memory";
import { isAppError } from "@/lib/http/errors";
import { assistantText, createdThreadId, doneItem, userInput } from "@/tests/support/chatkit-client";
import { SCRIPT_COMMANDS, scriptedAgent, type ScriptOptions } from "./scripted-agent.mock";

process.env.LOG_SILENT = "1";

const TSLA = { symbol: "TSLA", timeframe: "1D" as const, snapshot_id: undefined, visible_range: undefined };

/** A memory store whose writes of one item type fail, as a full disk or a held lock would fail them. */
function storeFailingOn(type: ThreadItem["type"]): MemoryThreadStore {
  const store = new MemoryThreadStore();
  const add = store.addThreadItem.bind(store);
  store.addThreadItem = (userId, threadId, item) => (item.type === type ? Promise.reject(new Error("write failed")) : add(userId, threadId, item));
  return store;
}

function setup(script: ScriptOptions = {}) {
  const store = new MemoryThreadStore();
  const agent = scriptedAgent(script);
  const responder = createChartResponder(agent.run);
  const ctx = (over: Partial<ProcessContext> = {}): ProcessContext => ({
    userId: "user-a",
    chartContext: TSLA,
    signal: new AbortController().signal,
    store,
    responder,
    ...over,
  });
  async function stream(body: unknown, over: Partial<ProcessContext> = {}): Promise<ThreadStreamEvent[]> {
    const res = await processRequest(body, ctx(over));
    if (res.kind !== "stream") throw new Error("expected a stream");
    const out: ThreadStreamEvent[] = [];
    for await (const ev of res.events) {
      // Every event survives the wire format and the client's schema.
      out.push(ThreadStreamEventSchema.parse(JSON.parse(JSON.stringify(ev))));
    }
    return out;
  }
  async function json(body: { type: keyof typeof JSON_RESPONSE_SCHEMAS } & Record<string, unknown>, over: Partial<ProcessContext> = {}) {
    const res = await processRequest(body, ctx(over));
    if (res.kind !== "json") throw new Error("expected JSON");
    return JSON_RESPONSE_SCHEMAS[body.type].parse(JSON.parse(JSON.stringify(res.body))) as Record<string, unknown>;
  }
  async function refused(body: unknown, over: Partial<ProcessContext> = {}) {
    try {
      await processRequest(body, ctx(over));
    } catch (err) {
      if (isAppError(err)) return err;
      throw err;
    }
    throw new Error("expected an AppError");
  }
  /** A new thread whose first question ("draw support and resistance") is answered with a card. */
  async function answered() {
    const first = await stream(create("draw support and resistance"));
    return { first, threadId: createdThreadId(first), userItem: doneItem(first, "user_message"), widget: doneItem(first, "widget") };
  }
  return { store, agent, ctx, stream, json, refused, answered };
}

const create = (text: string) => ({ type: "threads.create", params: { input: userInput(text) } });
const types = (events: ThreadStreamEvent[]) => events.map((e) => (e.type === "thread.item.updated" ? `updated:${e.update.type.split(".").pop()}` : e.type === "thread.item.done" || e.type === "thread.item.added" ? `${e.type}:${e.item.type}` : e.type));

describe("ChatKit server: threads.create", () => {
  it("streams the protocol's events in chatkit-python's order", async () => {
    const t = setup();
    const events = await t.stream(create("draw support and resistance"));
    expect(types(events)).toEqual([
      "thread.created",
      "thread.item.done:user_message",
      "stream_options",
      "progress_update",
      "thread.updated",
      "client_effect",
      "thread.item.added:assistant_message",
      "updated:added",
      "updated:text_delta",
      "updated:text_delta",
      "updated:text_delta",
      "updated:done",
      "thread.item.done:assistant_message",
      "thread.item.done:widget",
    ]);
  });

  it("titles the thread from the first question and sends the drawings as a chart_commands effect", async () => {
    const t = setup();
    const events = await t.stream(create("  draw   support and resistance  "));
    const updated = events.find((e) => e.type === "thread.updated");
    expect(updated?.type === "thread.updated" && updated.thread.title).toBe("draw support and resistance");
    const effect = events.find((e) => e.type === "client_effect");
    expect(effect).toMatchObject({ name: "chart_commands" });
    const commands = (effect as unknown as { data: { commands: unknown[] } }).data.commands.map((c) => ChartCommandSchema.parse(c));
    expect(commands).toEqual(SCRIPT_COMMANDS);
    expect(assistantText(events)).toBe("TSLA 1D: support at 212.40 (4 touches) and resistance at 251.90.");
  });

  it("persists the user item, the finished answer and the card, not half-done items", async () => {
    const t = setup();
    const events = await t.stream(create("draw support and resistance"));
    const threadId = createdThreadId(events);
    const page = await t.json({ type: "items.list", params: { thread_id: threadId, order: "asc" } });
    const items = page.data as ThreadItem[];
    expect(items.map((i) => i.type)).toEqual(["user_message", "assistant_message", "widget"]);
    expect(items[1]).toMatchObject({ content: [{ type: "output_text", text: "TSLA 1D: support at 212.40 (4 touches) and resistance at 251.90." }] });
    const thread = await t.json({ type: "threads.get_by_id", params: { thread_id: threadId } });
    expect(thread).toMatchObject({ id: threadId, title: "draw support and resistance", status: { type: "active" } });
    expect((thread.items as { data: unknown[] }).data).toHaveLength(3);
  });

  it("builds a card whose buttons carry the contract's actions", async () => {
    const t = setup();
    const events = await t.stream(create("draw support and resistance"));
    const done = events.filter((e) => e.type === "thread.item.done").map((e) => (e as { item: ThreadItem }).item);
    const widget = done.find((i): i is WidgetItem => i.type === "widget")!;
    const json = JSON.stringify(widget.widget);
    expect(json).toContain('"onClickAction":{"type":"chart.remove_drawing","payload":{"id":"sr-s-212.40"},"handler":"client"}');
    expect(json).toContain('"payload":{"tool":"support_resistance","timeframe":"1h","symbol":"TSLA"}');
    expect(json).toContain('"payload":{"tool":"support_resistance","timeframe":"1W","symbol":"TSLA"}');
    expect(json).toContain("Support 212.40");
    expect(json).toContain("4 touches");
    expect(widget.copy_text).toContain("Resistance 251.90");
  });

  it("passes the orchestrator's notice on", async () => {
    const t = setup({ notice: "The AI model is unavailable right now." });
    const events = await t.stream(create("draw support and resistance"));
    expect(events.find((e) => e.type === "notice")).toEqual({ type: "notice", level: "warning", message: "The AI model is unavailable right now." });
  });

  it("ends the stream with an error event when the store cannot keep the answer", async () => {
    const store = storeFailingOn("assistant_message");
    const events = await setup().stream(create("draw support and resistance"), { store });
    expect(events.some((e) => e.type === "thread.item.done" && e.item.type === "assistant_message")).toBe(true);
    expect(events[events.length - 1]).toEqual({ type: "error", code: "stream.error", message: expect.any(String), allow_retry: false });
  });

  it("answers nothing, and stores nothing more, when the question could not be stored", async () => {
    const store = storeFailingOn("user_message");
    const t = setup();
    const events = await t.stream(create("draw support and resistance"), { store });
    expect(events[events.length - 1]!.type).toBe("error");
    expect(t.agent.calls).toHaveLength(0);
    expect((await store.loadThreadItems("user-a", createdThreadId(events), { limit: 10, order: "asc" })).data).toEqual([]);
  });

  it("asks which symbol when no chart context is known", async () => {
    const t = setup();
    const events = await t.stream(create("draw support and resistance"), { chartContext: null });
    expect(assistantText(events)).toMatch(/symbol/);
    expect(events.some((e) => e.type === "client_effect")).toBe(false);
  });

  it("ends a failing answer with an error event, and keeps the question", async () => {
    const t = setup({ failAfterDeltas: 1 });
    const events = await t.stream(create("draw support and resistance"));
    expect(events[events.length - 1]).toEqual({ type: "error", code: "stream.error", message: expect.any(String), allow_retry: false });
    const page = await t.json({ type: "items.list", params: { thread_id: createdThreadId(events), order: "asc" } });
    expect((page.data as ThreadItem[]).map((i) => i.type)).toEqual(["user_message"]);
  });
});

describe("ChatKit server: follow-ups, retry, actions", () => {
  it("add_user_message answers with the thread's history", async () => {
    const t = setup();
    const threadId = createdThreadId(await t.stream(create("draw support and resistance")));
    const events = await t.stream({ type: "threads.add_user_message", params: { thread_id: threadId, input: userInput("and again") } });
    expect(types(events).slice(0, 2)).toEqual(["thread.item.done:user_message", "stream_options"]);
    expect(events.some((e) => e.type === "thread.updated")).toBe(false);
    const last = t.agent.calls[t.agent.calls.length - 1]!;
    expect(last.query).toBe("and again");
    expect(last.history).toEqual([
      { role: "user", text: "draw support and resistance" },
      { role: "assistant", text: "TSLA 1D: support at 212.40 (4 touches) and resistance at 251.90." },
    ]);
  });

  it("retry_after_item removes what followed the user item and answers again", async () => {
    const t = setup();
    const { threadId, userItem } = await t.answered();
    const before = (await t.json({ type: "items.list", params: { thread_id: threadId, order: "asc" } })).data as ThreadItem[];
    const events = await t.stream({ type: "threads.retry_after_item", params: { thread_id: threadId, item_id: userItem.id } });
    expect(types(events)[0]).toBe("stream_options");
    expect(events.some((e) => e.type === "thread.item.done" && e.item.type === "assistant_message")).toBe(true);
    const after = (await t.json({ type: "items.list", params: { thread_id: threadId, order: "asc" } })).data as ThreadItem[];
    expect(after.map((i) => i.type)).toEqual(["user_message", "assistant_message", "widget"]);
    expect(after[0]!.id).toBe(userItem.id);
    expect(after[1]!.id).not.toBe(before[1]!.id);
    const refused = await t.refused({ type: "threads.retry_after_item", params: { thread_id: threadId, item_id: after[1]!.id } });
    expect(refused.status).toBe(400);
  });

  it("custom_action chart.analyze re-runs the tool on the other timeframe in the thread", async () => {
    const t = setup();
    const { threadId, widget } = await t.answered();
    const events = await t.stream({
      type: "threads.custom_action",
      params: { thread_id: threadId, item_id: widget.id, action: { type: "chart.analyze", payload: { tool: "support_resistance", timeframe: "1h", symbol: "TSLA" } } },
    });
    const effects = events.filter((e) => e.type === "client_effect").map((e) => (e as unknown as { data: { commands: unknown[] } }).data.commands);
    // The page switches to 1h first, then the drawings come.
    expect(effects[0]).toEqual([{ type: "set_timeframe", timeframe: "1h" }]);
    // The card's tool runs straight from the registry on the new chart, not through the chat agent.
    expect(t.agent.calls).toHaveLength(1);
    expect(effects.slice(1).flat().length).toBeGreaterThan(0);
    expect(effects.slice(1).flat().every((c) => (c as { type: string }).type === "horizontal_line")).toBe(true);
    expect(assistantText(events)).toMatch(/^Switched TSLA to the 1h timeframe\./);
    expect(events.some((e) => e.type === "thread.item.done" && e.item.type === "widget")).toBe(true);
  });

  it("custom_action chart.remove_drawing replaces the card without that row", async () => {
    const t = setup();
    const { threadId, widget } = await t.answered();
    const events = await t.stream({
      type: "threads.custom_action",
      params: { thread_id: threadId, item_id: widget.id, action: { type: "chart.remove_drawing", payload: { id: "sr-s-212.40" } } },
    });
    expect(types(events)).toEqual(["stream_options", "thread.item.replaced"]);
    const stored = (await t.json({ type: "items.list", params: { thread_id: threadId } })).data as ThreadItem[];
    const card = JSON.stringify(stored.find((i) => i.type === "widget"));
    expect(card).not.toContain("Support 212.40");
    expect(card).toContain("Resistance 251.90");
  });

  it("sync_custom_action chart.remove_drawing answers the updated card", async () => {
    const t = setup();
    const { threadId, widget } = await t.answered();
    const res = await t.json({
      type: "threads.sync_custom_action",
      params: { thread_id: threadId, item_id: widget.id, action: { type: "chart.remove_drawing", payload: { id: "sr-r-251.90" } } },
    });
    expect(JSON.stringify(res.updated_item)).not.toContain("Resistance 251.90");
    const analyze = await t.refused({
      type: "threads.sync_custom_action",
      params: { thread_id: threadId, item_id: widget.id, action: { type: "chart.analyze", payload: { tool: "fibonacci", timeframe: "1W" } } },
    });
    expect(analyze.message).toMatch(/threads.custom_action/);
  });

  it("refuses unknown actions and a non-widget sender before streaming", async () => {
    const t = setup();
    const { threadId, userItem } = await t.answered();
    const unknown = await t.refused({ type: "threads.custom_action", params: { thread_id: threadId, action: { type: "launch.rocket" } } });
    expect([unknown.status, unknown.message]).toEqual([400, expect.stringContaining("params.action.type")]);
    const badPayload = await t.refused({ type: "threads.custom_action", params: { thread_id: threadId, action: { type: "chart.analyze", payload: { tool: "x", timeframe: "1h" } } } });
    expect(badPayload.message).toMatch(/^params\.action\.payload\.tool/);
    const sender = await t.refused({ type: "threads.custom_action", params: { thread_id: threadId, item_id: userItem.id, action: { type: "chart.remove_drawing", payload: { id: "a" } } } });
    expect(sender.message).toMatch(/widget/);
  });

  it("add_client_tool_output completes the pending call; without one it is a 400", async () => {
    const t = setup();
    const threadId = createdThreadId(await t.stream(create("draw support and resistance")));
    const none = await t.refused({ type: "threads.add_client_tool_output", params: { thread_id: threadId, result: {} } });
    expect(none.status).toBe(400);
    await t.store.addThreadItem("user-a", threadId, {
      id: "tc_1",
      thread_id: threadId,
      created_at: new Date().toISOString(),
      type: "client_tool_call",
      status: "pending",
      call_id: "call_1",
      name: "get_chart_context",
      arguments: {},
    });
    const events = await t.stream({ type: "threads.add_client_tool_output", params: { thread_id: threadId, result: { symbol: "TSLA" } } });
    expect(types(events)).toEqual(["stream_options"]);
    expect(await t.store.loadItem("user-a", threadId, "tc_1")).toMatchObject({ status: "completed", output: { symbol: "TSLA" } });
  });
});

describe("ChatKit server: JSON requests", () => {
  it("lists threads newest first with working pagination", async () => {
    const t = setup();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(createdThreadId(await t.stream(create(`question ${i}`))));
    const p1 = await t.json({ type: "threads.list", params: { limit: 2, order: "desc" } });
    expect((p1.data as { id: string }[]).map((x) => x.id)).toEqual([ids[4], ids[3]]);
    expect(p1).toMatchObject({ has_more: true, after: ids[3] });
    const p2 = await t.json({ type: "threads.list", params: { limit: 2, order: "desc", after: p1.after } });
    expect((p2.data as { id: string }[]).map((x) => x.id)).toEqual([ids[2], ids[1]]);
    const p3 = await t.json({ type: "threads.list", params: { limit: 2, order: "desc", after: p2.after } });
    expect(p3).toMatchObject({ has_more: false });
    expect((p3.data as { id: string; title: string }[]).map((x) => [x.id, x.title])).toEqual([[ids[0], "question 0"]]);
    const asc = await t.json({ type: "threads.list", params: { order: "asc" } });
    expect((asc.data as { id: string }[]).map((x) => x.id)).toEqual(ids);
  });

  it("pages items in both orders and hides hidden context", async () => {
    const t = setup();
    const threadId = createdThreadId(await t.stream(create("draw support and resistance")));
    await t.stream({ type: "threads.add_user_message", params: { thread_id: threadId, input: userInput("again") } });
    const all = ((await t.json({ type: "items.list", params: { thread_id: threadId, order: "asc", limit: 100 } })).data as ThreadItem[]).map((i) => i.id);
    expect(all).toHaveLength(6);
    const collected: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await t.json({ type: "items.list", params: { thread_id: threadId, order: "desc", limit: 4, after } });
      collected.push(...(page.data as ThreadItem[]).map((i) => i.id));
      if (!page.has_more) break;
      after = page.after as string;
    }
    expect(collected).toEqual([...all].reverse());
    await t.store.addThreadItem("user-a", threadId, { id: "shcx_1", thread_id: threadId, created_at: "x", type: "sdk_hidden_context", content: "note" });
    const visible = (await t.json({ type: "items.list", params: { thread_id: threadId, limit: 100 } })).data as ThreadItem[];
    expect(visible.map((i) => i.id)).not.toContain("shcx_1");
  });

  it("updates, deletes and takes feedback", async () => {
    const t = setup();
    const threadId = createdThreadId(await t.stream(create("draw support and resistance")));
    expect(await t.json({ type: "threads.update", params: { thread_id: threadId, title: "TSLA levels" } })).toMatchObject({ id: threadId, title: "TSLA levels" });
    expect(await t.json({ type: "items.feedback", params: { thread_id: threadId, item_ids: ["msg_1"], kind: "positive" } })).toEqual({});
    expect(await t.json({ type: "threads.delete", params: { thread_id: threadId } })).toEqual({});
    expect((await t.refused({ type: "threads.get_by_id", params: { thread_id: threadId } })).status).toBe(404);
  });

  it("answers attachments and transcription with a clear 400", async () => {
    const t = setup();
    for (const body of [
      { type: "attachments.create", params: { name: "a.png", size: 1, mime_type: "image/png" } },
      { type: "attachments.delete", params: { attachment_id: "atc_1" } },
      { type: "input.transcribe", params: { audio_base64: "AAAA", mime_type: "audio/webm" } },
    ]) {
      const err = await t.refused(body);
      expect([err.status, err.message]).toEqual([400, expect.stringMatching(/not supported/)]);
    }
  });
});

describe("ChatKit server: users and bad input", () => {
  it("never shows one user's thread to another", async () => {
    const t = setup();
    const threadId = createdThreadId(await t.stream(create("my private question")));
    const other = { userId: "user-b" };
    for (const body of [
      { type: "threads.get_by_id", params: { thread_id: threadId } },
      { type: "items.list", params: { thread_id: threadId } },
      { type: "threads.update", params: { thread_id: threadId, title: "mine now" } },
      { type: "threads.delete", params: { thread_id: threadId } },
      { type: "items.feedback", params: { thread_id: threadId, item_ids: ["x"], kind: "negative" } },
      { type: "threads.add_user_message", params: { thread_id: threadId, input: userInput("hi") } },
      { type: "threads.retry_after_item", params: { thread_id: threadId, item_id: "msg_x" } },
      { type: "threads.custom_action", params: { thread_id: threadId, action: { type: "chart.remove_drawing", payload: { id: "a" } } } },
    ]) {
      expect((await t.refused(body, other)).status).toBe(404);
    }
    expect((await t.json({ type: "threads.list", params: {} }, other)).data).toEqual([]);
    expect(await t.json({ type: "threads.get_by_id", params: { thread_id: threadId } })).toMatchObject({ title: "my private question" });
  });

  it.each([
    ["a string", "hello", /body/],
    ["no type", { params: {} }, /^type: required/],
    ["an unknown type", { type: "threads.explode", params: {} }, /^type: unknown request type/],
    ["a missing input", { type: "threads.create", params: {} }, /^params\.input/],
    ["an empty message", { type: "threads.create", params: { input: userInput("   ") } }, /^params\.input\.content/],
    ["a too long message", { type: "threads.create", params: { input: userInput("x".repeat(4001)) } }, /^params\.input\.content/],
    ["attachments", { type: "threads.create", params: { input: { ...userInput("hi"), attachments: ["atc_1"] } } }, /^params\.input\.attachments/],
    ["a bad order", { type: "items.list", params: { thread_id: "thr_1", order: "sideways" } }, /^params\.order/],
    ["a huge limit", { type: "threads.list", params: { limit: 100000 } }, /^params\.limit/],
    ["a bad feedback kind", { type: "items.feedback", params: { thread_id: "t", item_ids: ["i"], kind: "meh" } }, /^params\.kind/],
  ])("refuses %s with a 400 naming the field", async (_name, body, message) => {
    const err = await setup().refused(body);
    expect(err.status).toBe(400);
    expect(err.code).toBe("invalid_request");
    expect(err.message).toMatch(message);
  });
});

describe("ChatKit server: client disconnect", () => {
  it("stops the work and keeps what was done", async () => {
    const t = setup({ deltaDelayMs: 30 });
    const controller = new AbortController();
    const res = await processRequest(create("draw support and resistance"), t.ctx({ signal: controller.signal }));
    if (res.kind !== "stream") throw new Error("expected a stream");
    const seen: ThreadStreamEvent[] = [];
    for await (const ev of res.events) {
      seen.push(ev);
      if (ev.type === "thread.item.updated" && ev.update.type === "assistant_message.content_part.text_delta") controller.abort();
    }
    expect(seen.some((e) => e.type === "thread.item.done" && e.item.type === "assistant_message")).toBe(false);
    expect(seen.some((e) => e.type === "error")).toBe(false);
    const threadId = createdThreadId(seen);
    const stored = await t.store.loadThreadItems("user-a", threadId, { limit: 10, order: "asc" });
    expect(stored.data.map((i) => i.type)).toEqual(["user_message", "assistant_message", "sdk_hidden_context"]);
    expect(stored.data[1]).toMatchObject({ content: [{ text: "TSLA 1D: support at 212.40 " }] });
    // The agent saw the abort.
    expect(t.agent.calls[0]!.signal?.aborted).toBe(true);
  });
});
