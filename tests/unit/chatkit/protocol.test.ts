import {
  ChatKitRequestSchema,
  encodeEvent,
  REQUEST_TYPES,
  ThreadStreamEventSchema,
  WidgetRootSchema,
  type ThreadStreamEvent,
} from "@/lib/chatkit/protocol";
import { createSseParser } from "@/lib/chatkit/sse-parser";
import { userInput } from "@/tests/support/chatkit-client";

/** One body per request type, shaped as the ChatKit web component posts them (no `metadata`). */
const CLIENT_BODIES: Record<(typeof REQUEST_TYPES)[number], unknown> = {
  "threads.create": { type: "threads.create", params: { input: userInput("Hi there") } },
  "threads.add_user_message": { type: "threads.add_user_message", params: { input: userInput("What can you do"), thread_id: "thr_dd2e456b" } },
  "threads.add_client_tool_output": { type: "threads.add_client_tool_output", params: { thread_id: "thr_1", result: { symbol: "TSLA" } } },
  "threads.add_structured_input": { type: "threads.add_structured_input", params: { thread_id: "thr_1", item_id: "si_1", input: { status: "answered", answers: { q1: { values: ["a"] } } } } },
  "threads.retry_after_item": { type: "threads.retry_after_item", params: { thread_id: "thr_1", item_id: "msg_1" } },
  "threads.custom_action": { type: "threads.custom_action", params: { thread_id: "thr_1", item_id: "msg_2", action: { type: "chart.analyze", payload: { tool: "support_resistance", timeframe: "1h" } } } },
  "threads.sync_custom_action": { type: "threads.sync_custom_action", params: { thread_id: "thr_1", item_id: "msg_2", action: { type: "chart.remove_drawing", payload: { id: "sr-s-1" } } } },
  "threads.get_by_id": { type: "threads.get_by_id", params: { thread_id: "thr_1" } },
  "threads.list": { type: "threads.list", params: { limit: 20, order: "desc" } },
  "items.list": { type: "items.list", params: { thread_id: "thr_1", limit: 20, order: "asc", after: "msg_1" } },
  "items.feedback": { type: "items.feedback", params: { thread_id: "thr_1", item_ids: ["msg_2"], kind: "negative" } },
  "threads.update": { type: "threads.update", params: { thread_id: "thr_1", title: "TSLA levels" } },
  "threads.delete": { type: "threads.delete", params: { thread_id: "thr_1" } },
  "attachments.create": { type: "attachments.create", params: { name: "a.png", size: 10, mime_type: "image/png" } },
  "attachments.delete": { type: "attachments.delete", params: { attachment_id: "atc_1" } },
  "input.transcribe": { type: "input.transcribe", params: { audio_base64: "AAAA", mime_type: "audio/webm;codecs=opus" } },
};

describe("ChatKit request schemas", () => {
  it.each(REQUEST_TYPES)("parses %s as the client sends it and fills pydantic's defaults", (type) => {
    const parsed = ChatKitRequestSchema.parse(CLIENT_BODIES[type]);
    expect(parsed.type).toBe(type);
    expect(parsed.metadata).toEqual({});
  });

  it("ignores unknown fields and defaults order to desc", () => {
    const parsed = ChatKitRequestSchema.parse({ type: "items.list", params: { thread_id: "thr_1", extra: 1 }, metadata: null, future: true });
    expect(parsed).toEqual({ type: "items.list", params: { thread_id: "thr_1", order: "desc" }, metadata: {} });
  });

  it("joins text and tag parts into the question", () => {
    const parsed = ChatKitRequestSchema.parse({
      type: "threads.create",
      params: { input: { content: [{ type: "input_text", text: "levels on" }, { type: "input_tag", id: "t", text: "$NVDA", data: {} }], attachments: [], inference_options: {} } },
    });
    if (parsed.type !== "threads.create") throw new Error("wrong type");
    expect(parsed.params.input.content.map((c) => c.text)).toEqual(["levels on", "$NVDA"]);
  });
});

describe("SSE framing", () => {
  const events: ThreadStreamEvent[] = [
    { type: "stream_options", stream_options: { allow_cancel: true } },
    { type: "progress_update", icon: "chart", text: "Finding support" },
    // chatkit-python #71: a newline in a payload must not split the frame.
    { type: "notice", level: "info", message: "line one\n\nline two\r\n" },
    { type: "error", code: "stream.error", allow_retry: false },
  ];

  it("round-trips events through any chunking, as the client reads them", () => {
    const wire = events.map(encodeEvent).join("");
    for (const size of [1, 3, 7, 64, wire.length]) {
      const parser = createSseParser();
      const out: unknown[] = [];
      for (let i = 0; i < wire.length; i += size) out.push(...parser.push(wire.slice(i, i + size)).map((d) => JSON.parse(d)));
      parser.end();
      expect(out.map((e) => ThreadStreamEventSchema.parse(e))).toEqual(events);
    }
  });
});

describe("widget schema", () => {
  it("accepts the card shape ChatKit renders and rejects unknown components", () => {
    expect(
      WidgetRootSchema.safeParse({
        type: "Card",
        children: [{ type: "Row", children: [{ type: "Text", value: "Support" }, { type: "Button", label: "Remove", onClickAction: { type: "chart.remove_drawing", payload: { id: "a" }, handler: "client" } }] }],
      }).success,
    ).toBe(true);
    expect(WidgetRootSchema.safeParse({ type: "Card", children: [{ type: "Iframe", src: "https://evil" }] }).success).toBe(false);
  });
});
