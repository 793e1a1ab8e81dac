import { ChatRequestError, createProtocolClient, userInput } from "@/components/chat/protocol-client";
import type { ThreadStreamEvent } from "@/lib/chatkit/protocol";

const at = "2026-11-26T10:00:00.000Z";

function sseResponse(frames: string[]): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const f of frames) controller.enqueue(encoder.encode(f));
      controller.close();
    },
  });
  return new Response(body, { status: 200, headers: { "content-type": "text/event-stream" } });
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

function recorder(answer: (body: { type: string; params: Record<string, unknown> }) => Response) {
  const bodies: { type: string; params: Record<string, unknown>; metadata: unknown }[] = [];
  const doFetch: typeof fetch = async (_input, init) => {
    const body = JSON.parse(String(init?.body));
    bodies.push(body);
    return answer(body);
  };
  return { bodies, client: createProtocolClient({ fetch: doFetch }) };
}

describe("protocol client", () => {
  it("posts {type, params, metadata} and delivers each valid event, skipping invalid ones", async () => {
    const thread = { id: "thr_1", title: null, created_at: at, status: { type: "active" }, items: { data: [], has_more: false } };
    const { bodies, client } = recorder(() =>
      sseResponse([
        `data: ${JSON.stringify({ type: "thread.created", thread })}\n\n`,
        `data: ${JSON.stringify({ type: "progress_update", text: "Finding support" }).slice(0, 20)}`,
        `${JSON.stringify({ type: "progress_update", text: "Finding support" }).slice(20)}\n\n`,
        `data: {"type":"thread.item.teleported"}\n\n`,
        `data: not json\n\n`,
        `data: ${JSON.stringify({ type: "client_effect", name: "chart_commands", data: { commands: [{ type: "clear" }] } })}\n\n`,
      ]),
    );
    const events: ThreadStreamEvent[] = [];
    const invalid: string[] = [];
    await client.stream({ type: "threads.create", params: { input: userInput("draw support and resistance") } }, { onEvent: (e) => events.push(e), onInvalidEvent: (raw) => invalid.push(raw) });

    expect(bodies).toEqual([
      { type: "threads.create", params: { input: { content: [{ type: "input_text", text: "draw support and resistance" }], attachments: [], inference_options: {} } }, metadata: {} },
    ]);
    expect(events.map((e) => e.type)).toEqual(["thread.created", "progress_update", "client_effect"]);
    expect(invalid).toEqual(['{"type":"thread.item.teleported"}', "not json"]);
  });

  it("turns an error answer into a ChatRequestError carrying the text a chat shows", async () => {
    const { client } = recorder(() => json({ success: false, code: "rate_limited", error: "Too many requests.", text: "Slow down a little and try again." }, 429));
    const failure = client.stream({ type: "threads.create", params: { input: userInput("hi") } }, { onEvent: () => {} });
    await expect(failure).rejects.toBeInstanceOf(ChatRequestError);
    await expect(failure).rejects.toMatchObject({ status: 429, code: "rate_limited", message: "Slow down a little and try again." });
  });

  it("refuses a 200 that is not an event stream", async () => {
    const { client } = recorder(() => json({ ok: true }));
    await expect(client.stream({ type: "threads.create", params: { input: userInput("hi") } }, { onEvent: () => {} })).rejects.toMatchObject({ code: "invalid_response" });
  });

  it("validates JSON answers against the protocol's schemas", async () => {
    const { client } = recorder(() => json({ data: [{ id: "thr_1" }], has_more: false }));
    await expect(client.listThreads()).rejects.toMatchObject({ code: "invalid_response" });
  });

  it("reads every item of a thread oldest first, following `after`", async () => {
    const item = (n: number) => ({ id: `msg_${n}`, thread_id: "thr_1", created_at: at, type: "assistant_message", content: [{ type: "output_text", text: `answer ${n}`, annotations: [] }] });
    const { bodies, client } = recorder((body) => {
      const after = body.params.after as string | null;
      return after === null ? json({ data: [item(1), item(2)], has_more: true, after: "msg_2" }) : json({ data: [item(3)], has_more: false, after: null });
    });
    const items = await client.listAllItems("thr_1");
    expect(items.map((i) => i.id)).toEqual(["msg_1", "msg_2", "msg_3"]);
    expect(bodies.map((b) => [b.type, b.params.order, b.params.after])).toEqual([
      ["items.list", "asc", null],
      ["items.list", "asc", "msg_2"],
    ]);
  });
});
