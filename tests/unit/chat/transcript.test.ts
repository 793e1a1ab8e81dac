import { EMPTY_TRANSCRIPT, assistantText, reduceTranscript, type TranscriptState } from "@/components/chat/transcript";
import { ThreadStreamEventSchema, ThreadItemSchema, type ThreadStreamEvent } from "@/lib/chatkit/protocol";

const T = "thr_1";
const at = "2026-11-26T10:00:00.000Z";
const thread = { id: T, title: null, created_at: at, status: { type: "active" }, items: { data: [], has_more: false } };
const userItem = { id: "msg_u1", thread_id: T, created_at: at, type: "user_message", content: [{ type: "input_text", text: "draw support and resistance" }], attachments: [], inference_options: {} };
const card = {
  type: "Card",
  children: [
    { type: "Title", value: "TSLA 1D · Levels" },
    {
      type: "Row",
      key: "drawing:sr-s-212.40",
      children: [
        { type: "Text", value: "Support 212.40" },
        { type: "Button", label: "Remove", onClickAction: { type: "chart.remove_drawing", payload: { id: "sr-s-212.40" }, handler: "client" } },
      ],
    },
  ],
};

/** Events as the server sends them, validated like the panel validates them. */
const ev = (raw: unknown): ThreadStreamEvent => ThreadStreamEventSchema.parse(raw);

function run(events: unknown[], start: TranscriptState = EMPTY_TRANSCRIPT): TranscriptState {
  return events.reduce<TranscriptState>((s, e) => reduceTranscript(s, { type: "event", event: ev(e) }), start);
}

const conversation = [
  { type: "thread.created", thread },
  { type: "thread.item.done", item: userItem },
  { type: "progress_update", icon: "chart", text: "Finding support and resistance on TSLA 1D" },
  { type: "client_effect", name: "chart_commands", data: { commands: [] } },
  { type: "thread.item.added", item: { id: "msg_a1", thread_id: T, created_at: at, type: "assistant_message", content: [] } },
  { type: "thread.item.updated", item_id: "msg_a1", update: { type: "assistant_message.content_part.added", content_index: 0, content: { type: "output_text", text: "", annotations: [] } } },
  { type: "thread.item.updated", item_id: "msg_a1", update: { type: "assistant_message.content_part.text_delta", content_index: 0, delta: "TSLA 1D: support " } },
  { type: "thread.item.updated", item_id: "msg_a1", update: { type: "assistant_message.content_part.text_delta", content_index: 0, delta: "at 212.40" } },
];

describe("reduceTranscript", () => {
  it("builds the conversation from a stream: thread, question, progress, streaming text", () => {
    const sent = reduceTranscript(EMPTY_TRANSCRIPT, { type: "send", text: "draw support and resistance" });
    expect(sent.pendingUserText).toBe("draw support and resistance");
    const s = run(conversation, sent);
    expect(s.threadId).toBe(T);
    expect(s.pendingUserText).toBeNull();
    expect(s.entries.map((e) => e.kind)).toEqual(["user", "progress", "assistant"]);
    const answer = s.entries[2];
    expect(answer?.kind === "assistant" && assistantText(answer)).toBe("TSLA 1D: support at 212.40");
    expect(answer?.kind === "assistant" && answer.streaming).toBe(true);
    // Text arrived, so the progress line no longer shows as the current step.
    expect(s.progress).toBeNull();
  });

  it("shows the current progress line until the answer starts", () => {
    const s = run(conversation.slice(0, 3));
    expect(s.progress).toBe("Finding support and resistance on TSLA 1D");
  });

  it("replaces the streamed text with the final text on done, adds the card and the title", () => {
    const s = run([
      ...conversation,
      { type: "thread.item.updated", item_id: "msg_a1", update: { type: "assistant_message.content_part.done", content_index: 0, content: { type: "output_text", text: "Final answer.", annotations: [] } } },
      { type: "thread.item.done", item: { id: "msg_a1", thread_id: T, created_at: at, type: "assistant_message", content: [{ type: "output_text", text: "Final answer.", annotations: [] }] } },
      { type: "thread.item.done", item: { id: "msg_w1", thread_id: T, created_at: at, type: "widget", widget: card } },
      { type: "thread.updated", thread: { ...thread, title: "draw support and resistance" } },
    ]);
    expect(s.title).toBe("draw support and resistance");
    const answer = s.entries.find((e) => e.id === "msg_a1");
    expect(answer?.kind === "assistant" && assistantText(answer)).toBe("Final answer.");
    expect(answer?.kind === "assistant" && answer.streaming).toBe(false);
    expect(s.entries.at(-1)).toMatchObject({ kind: "widget", id: "msg_w1" });
  });

  it("replaces and removes items by id", () => {
    const withCard = run([{ type: "thread.created", thread }, { type: "thread.item.done", item: { id: "msg_w1", thread_id: T, created_at: at, type: "widget", widget: card } }]);
    const smaller = { ...card, children: [card.children[0]] };
    const replaced = run([{ type: "thread.item.replaced", item: { id: "msg_w1", thread_id: T, created_at: at, type: "widget", widget: smaller } }], withCard);
    expect(replaced.entries).toHaveLength(1);
    expect(replaced.entries[0]?.kind === "widget" && replaced.entries[0].widget.children).toHaveLength(1);
    expect(run([{ type: "thread.item.removed", item_id: "msg_w1" }], replaced).entries).toHaveLength(0);
  });

  it("shows notices and errors in the conversation, with a fallback message", () => {
    const s = run([
      { type: "notice", level: "warning", message: "The model was unavailable; answered with the rules engine." },
      { type: "error", code: "stream.error", allow_retry: false },
    ]);
    expect(s.entries).toEqual([
      expect.objectContaining({ kind: "notice", level: "warning" }),
      expect.objectContaining({ kind: "error", message: expect.stringMatching(/went wrong/) }),
    ]);
    expect(new Set(s.entries.map((e) => e.id)).size).toBe(2);
  });

  it("ends a cut stream cleanly and gives an unconfirmed question back", () => {
    const sent = reduceTranscript(EMPTY_TRANSCRIPT, { type: "send", text: "hello" });
    const cut = run(conversation.slice(4, 7), sent);
    const ended = reduceTranscript(cut, { type: "stream_end" });
    expect(ended.pendingUserText).toBeNull();
    expect(ended.entries.every((e) => e.kind !== "assistant" || !e.streaming)).toBe(true);
    const failed = reduceTranscript(sent, { type: "failed", message: "The chat server could not be reached." });
    expect(failed.pendingUserText).toBeNull();
    expect(failed.entries.at(-1)).toMatchObject({ kind: "error", message: "The chat server could not be reached." });
  });

  it("a streamed delta or the stream's end replaces only the streaming answer; every other entry keeps its object", () => {
    // The transcript view memoizes entries by identity: this is what lets it re-render one line per delta.
    const before = run(conversation.slice(0, 7));
    const after = run(conversation.slice(7), before);
    const ended = reduceTranscript(after, { type: "stream_end" });
    for (const next of [after, ended]) {
      expect(next.entries).toHaveLength(before.entries.length);
      next.entries.forEach((e, i) => {
        if (e.id === "msg_a1") expect(e).not.toBe(before.entries[i]);
        else expect(e).toBe(before.entries[i]);
      });
    }
    expect(assistantText(ended.entries.at(-1) as Extract<TranscriptState["entries"][number], { kind: "assistant" }>)).toBe("TSLA 1D: support at 212.40");
  });

  it("opens a stored thread from its items, hiding what users never see", () => {
    const items = [
      userItem,
      { id: "msg_a1", thread_id: T, created_at: at, type: "assistant_message", content: [{ type: "output_text", text: "Support at 212.40.", annotations: [] }] },
      { id: "ctx_1", thread_id: T, created_at: at, type: "hidden_context_item", content: { secret: true } },
      { id: "eot_1", thread_id: T, created_at: at, type: "end_of_turn" },
    ].map((i) => ThreadItemSchema.parse(i));
    const busy = run(conversation);
    const s = reduceTranscript(busy, { type: "open", thread: { ...thread, status: { type: "active" }, title: "Levels" }, items });
    expect(s.threadId).toBe(T);
    expect(s.title).toBe("Levels");
    expect(s.entries.map((e) => e.kind)).toEqual(["user", "assistant"]);
    expect(s.progress).toBeNull();
    expect(reduceTranscript(s, { type: "reset" })).toEqual(EMPTY_TRANSCRIPT);
  });
});
