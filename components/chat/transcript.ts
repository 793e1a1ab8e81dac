import type { Thread, ThreadItem, ThreadStreamEvent, WidgetRoot } from "@/lib/chatkit/protocol";

/**
 * The built-in panel's model of a conversation: the thread's visible items plus the transient
 * lines a stream carries (progress, notices, errors), built by a pure reducer from protocol
 * events so the same code serves a live stream and a reopened thread.
 */

export type TranscriptEntry =
  | { kind: "user"; id: string; text: string }
  | { kind: "assistant"; id: string; parts: readonly string[]; streaming: boolean }
  | { kind: "widget"; id: string; widget: WidgetRoot }
  | { kind: "tool_call"; id: string; name: string; status: "pending" | "completed" }
  | { kind: "task"; id: string; text: string }
  | { kind: "progress"; id: string; text: string }
  | { kind: "notice"; id: string; level: "info" | "warning" | "danger"; message: string }
  | { kind: "error"; id: string; message: string };

export interface TranscriptState {
  threadId: string | null;
  title: string | null;
  entries: readonly TranscriptEntry[];
  /** The question sent but not yet confirmed by the server's user item. */
  pendingUserText: string | null;
  /** The latest progress line of the running response; null once text or the end arrives. */
  progress: string | null;
  /** Counter for ids of local entries (progress, notices, errors), which the server never stores. */
  seq: number;
}

export type TranscriptAction =
  | { type: "event"; event: ThreadStreamEvent }
  | { type: "send"; text: string }
  | { type: "stream_end" }
  | { type: "failed"; message: string }
  | { type: "open"; thread: Thread; items: readonly ThreadItem[] }
  | { type: "reset" };

export const EMPTY_TRANSCRIPT: TranscriptState = {
  threadId: null,
  title: null,
  entries: [],
  pendingUserText: null,
  progress: null,
  seq: 0,
};

export const GENERIC_ERROR = "Something went wrong while answering. Try again.";

function userText(item: Extract<ThreadItem, { type: "user_message" }>): string {
  return item.content.map((c) => c.text).join(" ");
}

/** The entry a stored item shows as; null for items a user never sees. */
export function entryFromItem(item: ThreadItem): TranscriptEntry | null {
  switch (item.type) {
    case "user_message":
      return { kind: "user", id: item.id, text: userText(item) };
    case "assistant_message":
      return { kind: "assistant", id: item.id, parts: item.content.map((c) => c.text), streaming: false };
    case "widget":
      return { kind: "widget", id: item.id, widget: item.widget };
    case "client_tool_call":
      return { kind: "tool_call", id: item.id, name: item.name, status: item.status };
    case "task": {
      const text = item.task.title ?? item.task.content;
      return text ? { kind: "task", id: item.id, text } : null;
    }
    case "workflow": {
      const titles = item.workflow.tasks.map((t) => t.title ?? t.content).filter((t): t is string => Boolean(t));
      return titles.length > 0 ? { kind: "task", id: item.id, text: titles.join(" · ") } : null;
    }
    case "end_of_turn":
    case "hidden_context_item":
    case "sdk_hidden_context":
      return null;
  }
}

/** Index of the entry with `id`, searching from the end where streaming items live. */
function indexOf(entries: readonly TranscriptEntry[], id: string): number {
  for (let i = entries.length - 1; i >= 0; i--) if (entries[i]?.id === id) return i;
  return -1;
}

function upsert(entries: readonly TranscriptEntry[], entry: TranscriptEntry): readonly TranscriptEntry[] {
  const i = indexOf(entries, entry.id);
  if (i === -1) return [...entries, entry];
  const next = entries.slice();
  next[i] = entry;
  return next;
}

function upsertItem(state: TranscriptState, item: ThreadItem, streaming: boolean): TranscriptState {
  const entry = entryFromItem(item);
  if (!entry) return state;
  const shown = entry.kind === "assistant" ? { ...entry, streaming } : entry;
  return {
    ...state,
    entries: upsert(state.entries, shown),
    pendingUserText: entry.kind === "user" ? null : state.pendingUserText,
    // Once the answer (or its card) appears, the progress line has done its job.
    progress: entry.kind === "assistant" || entry.kind === "widget" ? null : state.progress,
  };
}

function setPart(parts: readonly string[], index: number, update: (old: string) => string): string[] {
  const next = parts.slice();
  while (next.length <= index) next.push("");
  next[index] = update(next[index] ?? "");
  return next;
}

function applyItemUpdate(state: TranscriptState, event: Extract<ThreadStreamEvent, { type: "thread.item.updated" }>): TranscriptState {
  const i = indexOf(state.entries, event.item_id);
  const entry = state.entries[i];
  if (!entry) return state;
  const { update } = event;
  let next: TranscriptEntry = entry;
  if (entry.kind === "assistant") {
    switch (update.type) {
      case "assistant_message.content_part.added":
      case "assistant_message.content_part.done":
        next = { ...entry, parts: setPart(entry.parts, update.content_index, () => update.content.text) };
        break;
      case "assistant_message.content_part.text_delta":
        next = { ...entry, parts: setPart(entry.parts, update.content_index, (old) => old + update.delta) };
        break;
      default:
        return state;
    }
  } else if (entry.kind === "widget" && update.type === "widget.root.updated") {
    next = { ...entry, widget: update.widget };
  } else {
    return state;
  }
  const entries = state.entries.slice();
  entries[i] = next;
  return { ...state, entries, progress: entry.kind === "assistant" ? null : state.progress };
}

function addLocal(state: TranscriptState, make: (id: string) => TranscriptEntry): TranscriptState {
  const seq = state.seq + 1;
  return { ...state, seq, entries: [...state.entries, make(`local-${seq}`)] };
}

function applyEvent(state: TranscriptState, event: ThreadStreamEvent): TranscriptState {
  switch (event.type) {
    case "thread.created":
    case "thread.updated": {
      let next: TranscriptState = { ...state, threadId: event.thread.id, title: event.thread.title ?? state.title };
      for (const item of event.thread.items.data) next = upsertItem(next, item, false);
      return next;
    }
    case "thread.item.added":
      return upsertItem(state, event.item, true);
    case "thread.item.done":
    case "thread.item.replaced":
      return upsertItem(state, event.item, false);
    case "thread.item.updated":
      return applyItemUpdate(state, event);
    case "thread.item.removed": {
      const i = indexOf(state.entries, event.item_id);
      return i === -1 ? state : { ...state, entries: state.entries.filter((_, j) => j !== i) };
    }
    case "progress_update":
      return { ...addLocal(state, (id) => ({ kind: "progress", id, text: event.text })), progress: event.text };
    case "notice":
      return addLocal(state, (id) => ({ kind: "notice", id, level: event.level, message: event.message }));
    case "error":
      return { ...addLocal(state, (id) => ({ kind: "error", id, message: event.message ?? GENERIC_ERROR })), progress: null };
    case "client_effect":
    case "stream_options":
      // Effects are side effects (the panel applies them as they arrive); options change nothing shown.
      return state;
  }
}

export function reduceTranscript(state: TranscriptState, action: TranscriptAction): TranscriptState {
  switch (action.type) {
    case "event":
      return applyEvent(state, action.event);
    case "send":
      return { ...state, pendingUserText: action.text, progress: null };
    case "stream_end":
      return {
        ...state,
        progress: null,
        // An unconfirmed question goes back to the composer rather than staying as a ghost bubble.
        pendingUserText: null,
        // A stream cut before `item.done` leaves nothing streaming on screen.
        entries: state.entries.map((e) => (e.kind === "assistant" && e.streaming ? { ...e, streaming: false } : e)),
      };
    case "failed":
      return { ...addLocal(state, (id) => ({ kind: "error", id, message: action.message })), pendingUserText: null, progress: null };
    case "open": {
      const entries: TranscriptEntry[] = [];
      for (const item of action.items) {
        const entry = entryFromItem(item);
        if (entry) entries.push(entry);
      }
      return { ...EMPTY_TRANSCRIPT, threadId: action.thread.id, title: action.thread.title ?? null, entries };
    }
    case "reset":
      return EMPTY_TRANSCRIPT;
  }
}

/** An answer's text, its content parts as paragraphs. */
export function assistantText(entry: Extract<TranscriptEntry, { kind: "assistant" }>): string {
  return entry.parts.join("\n\n");
}
