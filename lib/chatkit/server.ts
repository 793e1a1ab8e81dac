import "server-only";
import { AppError } from "@/lib/http/errors";
import { invalidRequest } from "@/lib/http/zod-error";
import { nextTurn } from "@/lib/http/turns";
import { log } from "@/lib/log/logger";
import type { ChartContext } from "@/lib/market/values";
import {
  ChartActionSchema,
  ChatKitRequestSchema,
  DEFAULT_PAGE_SIZE,
  isHiddenItem,
  isStreamingType,
  REQUEST_TYPES,
  STREAM_ERROR_CODE,
  type AssistantMessageItem,
  type ChartAction,
  type ChatKitRequest,
  type ClientToolCallItem,
  type Page,
  type Thread,
  type ThreadItem,
  type ThreadItemUpdate,
  type ThreadMetadata,
  type ThreadStreamEvent,
  type UserMessageInput,
  type JsonRequestType,
  type StreamingRequestType,
  type UserMessageItem,
  type WidgetItem,
} from "./protocol";
import { createChartResponder, type Responder, type ResponderContext } from "./responder";
import { threadStore } from "./store";
import { NotFoundError, type ThreadStore } from "./store/types";

/**
 * Our ChatKit server: chatkit-python's `ChatKitServer.process` (chatkit/server.py) in
 * TypeScript. One entry parses the envelope into a tagged union and dispatches with an
 * exhaustive switch; streaming types answer an event iterable, the others a JSON body.
 *
 * Where we differ, on purpose: everything that can be refused is checked before a stream
 * starts (unknown thread → 404, bad action → 400), so a stream never begins only to fail on
 * its first step; a failure once streaming is an `error` event with `allow_retry: false`
 * (the contract), not a broken stream.
 */

export interface ProcessContext {
  userId: string;
  chartContext: ChartContext | null;
  signal: AbortSignal;
  store?: ThreadStore;
  responder?: Responder;
  now?: () => Date;
}

export type ProcessResult = { kind: "stream"; events: AsyncIterable<ThreadStreamEvent> } | { kind: "json"; body: unknown };

interface Deps extends ResponderContext {
  responder: Responder;
  writes: StreamWrites;
}

/**
 * A stream's store writes in flight. An event goes out as soon as its write is queued, not
 * after it lands (the SQLite store commits once per event-loop iteration, a Redis write is a
 * round trip): the store applies writes in order and its reads see every earlier write. The
 * stream stops at the first write seen to fail (`check`), and does not end before all of them
 * have landed; either way a failure ends it with an error event.
 */
class StreamWrites {
  private pending: Promise<void>[] = [];
  private failure: { error: unknown } | null = null;

  add(write: Promise<void>): void {
    // Awaited in landed(); until then a rejection is recorded, not an unhandled one.
    write.catch((error: unknown) => {
      this.failure ??= { error };
    });
    this.pending.push(write);
  }

  get failed(): boolean {
    return this.failure !== null;
  }

  /** Throws the first failed write's error, so nothing more is written after it. */
  check(): void {
    if (this.failure) throw this.failure.error;
  }

  async landed(): Promise<void> {
    const pending = this.pending;
    this.pending = [];
    await Promise.all(pending);
  }
}

let defaultResponder: Responder | null = null;

function notFound(err: unknown): never {
  if (err instanceof NotFoundError) throw new AppError("not_found", err.message, { text: "I couldn't find that conversation." });
  throw err;
}

/** Store calls that may miss: a miss is the contract's 404, whoever owns the record. */
async function found<T>(p: Promise<T>): Promise<T> {
  return p.catch(notFound);
}

function parseRequest(body: unknown): ChatKitRequest {
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new AppError("invalid_request", "body: expected a JSON object");
  const type = (body as { type?: unknown }).type;
  if (typeof type !== "string") throw new AppError("invalid_request", "type: required");
  if (!(REQUEST_TYPES as readonly string[]).includes(type)) {
    throw new AppError("invalid_request", `type: unknown request type "${type.slice(0, 64)}"; expected one of ${REQUEST_TYPES.join(", ")}`);
  }
  const parsed = ChatKitRequestSchema.safeParse(body);
  if (!parsed.success) throw invalidRequest(parsed.error);
  return parsed.data;
}

function parseAction(action: { type: string; payload?: unknown }): ChartAction {
  const parsed = ChartActionSchema.safeParse(action);
  if (!parsed.success) {
    if (!["chart.remove_drawing", "chart.analyze"].includes(action.type)) {
      throw new AppError("invalid_request", `params.action.type: unknown action "${action.type.slice(0, 64)}"; expected chart.remove_drawing or chart.analyze`);
    }
    throw invalidRequest(parsed.error, ["params", "action"]);
  }
  return parsed.data;
}

/** A thread as chatkit-python answers it (`_to_thread_response`): no `metadata`, no hidden items. */
function toThreadResponse(thread: ThreadMetadata, items: Page<ThreadItem> = { data: [], has_more: false }): Thread {
  const out: Thread = {
    id: thread.id,
    created_at: thread.created_at,
    status: thread.status,
    items: { data: items.data.filter((i) => !isHiddenItem(i)), has_more: items.has_more, ...(items.after ? { after: items.after } : {}) },
  };
  if (thread.title) out.title = thread.title;
  if (thread.allowed_image_domains) out.allowed_image_domains = thread.allowed_image_domains;
  return out;
}

function pageResponse<T>(page: Page<T>): Page<T> {
  return { data: page.data, has_more: page.has_more, ...(page.after ? { after: page.after } : {}) };
}

function buildUserMessage(input: UserMessageInput, thread: ThreadMetadata, deps: Deps): UserMessageItem {
  const item: UserMessageItem = {
    id: deps.store.generateItemId("message"),
    thread_id: thread.id,
    created_at: deps.now(),
    type: "user_message",
    content: input.content,
    attachments: [],
    inference_options: input.inference_options,
  };
  if (input.quoted_text) item.quoted_text = input.quoted_text;
  return item;
}

function applyAssistantUpdate(item: AssistantMessageItem, update: ThreadItemUpdate): void {
  if (!update.type.startsWith("assistant_message.")) return;
  const index = (update as { content_index: number }).content_index;
  while (item.content.length <= index) item.content.push({ type: "output_text", text: "", annotations: [] });
  const part = item.content[index]!;
  switch (update.type) {
    case "assistant_message.content_part.added":
    case "assistant_message.content_part.done":
      item.content[index] = update.content;
      return;
    case "assistant_message.content_part.text_delta":
      part.text += update.delta;
      return;
    case "assistant_message.content_part.annotation_added":
      part.annotations.splice(Math.min(update.annotation_index, part.annotations.length), 0, update.annotation);
      return;
  }
}

function streamError(message: string): ThreadStreamEvent {
  return { type: "error", code: STREAM_ERROR_CODE, message, allow_retry: false };
}

/**
 * `_process_events`: stream options first, then the responder's events, persisting items
 * on done (add), replaced (save) and removed (delete), never on added; hidden items are
 * stored but not sent; a thread the responder changed is saved and re-sent. On abort, the
 * unfinished assistant text is kept and a hidden note tells the next turn it was cut.
 */
async function* runEvents(
  thread: ThreadMetadata,
  deps: Deps,
  source: () => AsyncIterable<ThreadStreamEvent>,
  turnTaken = false,
): AsyncGenerator<ThreadStreamEvent> {
  const { store, userId, signal, writes } = deps;
  yield { type: "stream_options", stream_options: { allow_cancel: true } };
  // chatkit-python's `asyncio.sleep(0)`, made fair: the first events reach the socket before
  // the agent's CPU work, and other requests' first events before the next agent's.
  if (!turnTaken) await nextTurn();
  let last = JSON.stringify(thread);
  const pending = new Map<string, ThreadItem>();
  const threadUpdate = (): ThreadStreamEvent | null => {
    const now = JSON.stringify(thread);
    if (now === last) return null;
    last = now;
    writes.add(store.saveThread(userId, thread));
    return { type: "thread.updated", thread: toThreadResponse(thread) };
  };
  try {
    writes.check();
    for await (const event of source()) {
      writes.check();
      switch (event.type) {
        case "thread.item.added":
          pending.set(event.item.id, structuredClone(event.item));
          break;
        case "thread.item.done":
          writes.add(store.addThreadItem(userId, thread.id, event.item));
          pending.delete(event.item.id);
          break;
        case "thread.item.removed":
          writes.add(store.deleteThreadItem(userId, thread.id, event.item_id));
          pending.delete(event.item_id);
          break;
        case "thread.item.replaced":
          writes.add(store.saveItem(userId, thread.id, event.item));
          pending.delete(event.item.id);
          break;
        case "thread.item.updated": {
          const item = pending.get(event.item_id);
          if (item?.type === "assistant_message") applyAssistantUpdate(item, event.update);
          break;
        }
        default:
          break;
      }
      if (!(event.type === "thread.item.done" && isHiddenItem(event.item))) yield event;
      const update = threadUpdate();
      if (update) yield update;
      if (signal.aborted) break;
    }
    const update = signal.aborted ? null : threadUpdate();
    if (update) yield update;
    await writes.landed();
  } catch (err) {
    if (!signal.aborted) {
      log.error("chatkit stream failed", { thread_id: thread.id, error: err instanceof Error ? err.message : String(err) });
      yield streamError("Something went wrong while answering; please try again.");
      return;
    }
    if (writes.failed) {
      // The store is failing: writing the cancelled answer would fail the same way.
      log.warn("chatkit: a cancelled stream's write failed", { thread_id: thread.id, error: err instanceof Error ? err.message : String(err) });
      return;
    }
  }
  if (signal.aborted) await keepCancelled(thread, [...pending.values()], deps);
}

/** chatkit-python's `handle_stream_cancelled`. Runs after the client left, so it only logs failures. */
async function keepCancelled(thread: ThreadMetadata, pending: ThreadItem[], deps: Deps): Promise<void> {
  const { store, userId } = deps;
  try {
    for (const item of pending) {
      if (item.type === "assistant_message" && item.content.some((c) => c.text.trim() !== "")) await store.addThreadItem(userId, thread.id, item);
    }
    await store.addThreadItem(userId, thread.id, {
      id: store.generateItemId("sdk_hidden_context"),
      thread_id: thread.id,
      created_at: deps.now(),
      type: "sdk_hidden_context",
      content: "The user cancelled the stream. Stop responding to the prior request.",
    });
    await store.saveThread(userId, thread);
  } catch (err) {
    log.warn("chatkit: could not keep a cancelled stream", { thread_id: thread.id, error: err instanceof Error ? err.message : String(err) });
  }
}

/** Wraps a stream so that a failure before `runEvents` (a store outage) is an error event too. */
async function* guarded(events: AsyncGenerator<ThreadStreamEvent>, signal: AbortSignal): AsyncGenerator<ThreadStreamEvent> {
  try {
    yield* events;
  } catch (err) {
    if (signal.aborted) return;
    log.error("chatkit stream failed", { error: err instanceof Error ? err.message : String(err) });
    yield streamError("Something went wrong while answering; please try again.");
  }
}

/**
 * The question is stored before anything answers it, as chatkit-python does: the agent (maybe a
 * paid model call) never runs for a question the thread did not keep.
 */
async function* respondTo(thread: ThreadMetadata, item: UserMessageItem, deps: Deps): AsyncGenerator<ThreadStreamEvent> {
  await deps.store.addThreadItem(deps.userId, thread.id, item);
  // The question's event waits for the answer's turn and leaves with its first events: after a
  // commit of many conversations' questions, sending each at once would be a burst of socket
  // writes ahead of the requests still arriving.
  await nextTurn();
  yield { type: "thread.item.done", item };
  yield* runEvents(thread, deps, () => deps.responder.respond(thread, item, deps), true);
}

/** Widget sender of an action: must be a widget item of this thread (chatkit-python refuses others). */
async function loadSender(threadId: string, itemId: string | null | undefined, deps: Deps): Promise<WidgetItem | null> {
  if (!itemId) return null;
  const item = await found(deps.store.loadItem(deps.userId, threadId, itemId));
  if (item.type !== "widget") throw new AppError("invalid_request", "params.item_id: expected a widget item");
  return item;
}

async function processStreaming(request: Extract<ChatKitRequest, { type: StreamingRequestType }>, deps: Deps): Promise<AsyncGenerator<ThreadStreamEvent>> {
  const { store, userId } = deps;
  switch (request.type) {
    case "threads.create":
      return (async function* () {
        const thread: ThreadMetadata = { id: store.generateThreadId(), created_at: deps.now(), status: { type: "active" }, metadata: {} };
        deps.writes.add(store.saveThread(userId, thread));
        deps.newThread = true;
        // Announced before its save lands: the question's write goes in the same commit, and the
        // answer waits for that one.
        yield { type: "thread.created", thread: toThreadResponse(thread) } satisfies ThreadStreamEvent;
        yield* respondTo(thread, buildUserMessage(request.params.input, thread, deps), deps);
      })();

    case "threads.add_user_message": {
      const thread = await found(store.loadThread(userId, request.params.thread_id));
      return respondTo(thread, buildUserMessage(request.params.input, thread, deps), deps);
    }

    case "threads.add_client_tool_output": {
      const thread = await found(store.loadThread(userId, request.params.thread_id));
      const last = await store.loadThreadItems(userId, thread.id, { limit: 1, order: "desc" });
      const call = last.data.find((i): i is ClientToolCallItem => i.type === "client_tool_call" && i.status === "pending");
      if (!call) throw new AppError("invalid_request", `params.thread_id: the last item of ${thread.id} is not a pending client tool call`);
      return (async function* () {
        await store.saveItem(userId, thread.id, { ...call, output: request.params.result, status: "completed" });
        // chatkit-python's guard against dangling pending calls.
        const recent = await store.loadThreadItems(userId, thread.id, { limit: DEFAULT_PAGE_SIZE, order: "desc" });
        for (const item of recent.data) {
          if (item.type === "client_tool_call" && item.status === "pending") await store.deleteThreadItem(userId, thread.id, item.id);
        }
        yield* runEvents(thread, deps, () => deps.responder.respond(thread, null, deps));
      })();
    }

    case "threads.add_structured_input": {
      const thread = await found(store.loadThread(userId, request.params.thread_id));
      await found(store.loadItem(userId, thread.id, request.params.item_id));
      // This server never asks for structured input, so no stored item can be one.
      throw new AppError("invalid_request", `params.item_id: ${request.params.item_id} is not a structured input item`);
    }

    case "threads.retry_after_item": {
      const thread = await found(store.loadThread(userId, request.params.thread_id));
      const toRemove: ThreadItem[] = [];
      let target: UserMessageItem | null = null;
      let after: string | null | undefined = null;
      walk: for (;;) {
        const page = await store.loadThreadItems(userId, thread.id, { limit: DEFAULT_PAGE_SIZE, order: "desc", after });
        for (const item of page.data) {
          if (item.id === request.params.item_id) {
            if (item.type !== "user_message") throw new AppError("invalid_request", `params.item_id: ${item.id} is not a user message`);
            target = item;
            break walk;
          }
          toRemove.push(item);
        }
        if (!page.has_more) break;
        after = page.after;
      }
      if (!target) notFound(new NotFoundError(`item ${request.params.item_id} not found in thread ${thread.id}`));
      const userItem = target;
      return (async function* () {
        for (const item of toRemove) await store.deleteThreadItem(userId, thread.id, item.id);
        yield* runEvents(thread, deps, () => deps.responder.respond(thread, userItem, deps));
      })();
    }

    case "threads.custom_action": {
      const thread = await found(store.loadThread(userId, request.params.thread_id));
      const sender = await loadSender(thread.id, request.params.item_id, deps);
      const action = parseAction(request.params.action);
      return runEvents(thread, deps, () => deps.responder.action(thread, action, sender, deps));
    }
  }
}

async function processJson(request: Extract<ChatKitRequest, { type: JsonRequestType }>, deps: Deps): Promise<unknown> {
  const { store, userId } = deps;
  switch (request.type) {
    case "threads.get_by_id": {
      const thread = await found(store.loadThread(userId, request.params.thread_id));
      const items = await store.loadThreadItems(userId, thread.id, { limit: DEFAULT_PAGE_SIZE, order: "asc" });
      return toThreadResponse(thread, items);
    }
    case "threads.list": {
      const { limit, order, after } = request.params;
      const page = await found(store.loadThreads(userId, { limit: limit ?? DEFAULT_PAGE_SIZE, order, after }));
      return pageResponse({ ...page, data: page.data.map((t) => toThreadResponse(t)) });
    }
    case "items.list": {
      const { thread_id, limit, order, after } = request.params;
      await found(store.loadThread(userId, thread_id));
      const page = await found(store.loadThreadItems(userId, thread_id, { limit: limit ?? DEFAULT_PAGE_SIZE, order, after }));
      return pageResponse({ ...page, data: page.data.filter((i) => !isHiddenItem(i)) });
    }
    case "items.feedback": {
      const thread = await found(store.loadThread(userId, request.params.thread_id));
      // chatkit-python leaves feedback to the integration; ours goes to the log, where it is read.
      log.info("chatkit feedback", { user_id: userId, thread_id: thread.id, item_ids: request.params.item_ids, kind: request.params.kind });
      return {};
    }
    case "threads.update": {
      const thread = await found(store.loadThread(userId, request.params.thread_id));
      thread.title = request.params.title;
      await store.saveThread(userId, thread);
      return toThreadResponse(thread);
    }
    case "threads.delete": {
      await found(store.loadThread(userId, request.params.thread_id));
      await store.deleteThread(userId, request.params.thread_id);
      return {};
    }
    case "threads.sync_custom_action": {
      const thread = await found(store.loadThread(userId, request.params.thread_id));
      const sender = await loadSender(thread.id, request.params.item_id, deps);
      const action = parseAction(request.params.action);
      if (action.type === "chart.analyze") {
        throw new AppError("invalid_request", "params.action.type: chart.analyze streams its answer; send it as threads.custom_action");
      }
      return deps.responder.syncAction(thread, action, sender, deps);
    }
    case "attachments.create":
    case "attachments.delete":
      throw new AppError("invalid_request", `type: ${request.type} is not supported: this server does not accept attachments`, {
        text: "Attachments aren't supported here.",
      });
    case "input.transcribe":
      throw new AppError("invalid_request", "type: input.transcribe is not supported: this server does not transcribe audio", {
        text: "Dictation isn't supported here.",
      });
  }
}

function isStreaming(req: ChatKitRequest): req is Extract<ChatKitRequest, { type: StreamingRequestType }> {
  return isStreamingType(req.type);
}

/**
 * Handles one ChatKit request for `ctx.userId`. Throws AppError (400 invalid_request,
 * 404 not_found) for what is refused before any event; never throws once streaming.
 */
export async function process(body: unknown, ctx: ProcessContext): Promise<ProcessResult> {
  const request = parseRequest(body);
  const now = ctx.now ?? (() => new Date());
  const deps: Deps = {
    userId: ctx.userId,
    chartContext: ctx.chartContext,
    signal: ctx.signal,
    store: ctx.store ?? threadStore(),
    responder: ctx.responder ?? (defaultResponder ??= createChartResponder()),
    now: () => now().toISOString(),
    writes: new StreamWrites(),
  };
  if (isStreaming(request)) return { kind: "stream", events: guarded(await processStreaming(request, deps), ctx.signal) };
  return { kind: "json", body: await processJson(request, deps) };
}
