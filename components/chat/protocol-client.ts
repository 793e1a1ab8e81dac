import { z } from "zod";
import {
  JSON_RESPONSE_SCHEMAS,
  MAX_PAGE_SIZE,
  ThreadStreamEventSchema,
  type Action,
  type SyncCustomActionResponse,
  type Thread,
  type ThreadItem,
  type ThreadItemPage,
  type ThreadPage,
  type ThreadStreamEvent,
} from "@/lib/chatkit/protocol";
import { createSseParser } from "@/lib/chatkit/sse-parser";
import { readError } from "@/components/http/read-error";

/**
 * A small client of our ChatKit server (`POST /api/chatkit`, body `{type, params, metadata}`) for
 * the built-in panel: streaming requests are read as server-sent events and every event is
 * validated with the protocol's schemas before the panel sees it.
 */

export class ChatRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
  ) {
    super(message);
    this.name = "ChatRequestError";
  }
}

export type StreamingRequest =
  | { type: "threads.create"; params: { input: UserInput } }
  | { type: "threads.add_user_message"; params: { thread_id: string; input: UserInput } }
  | { type: "threads.custom_action"; params: { thread_id: string; item_id: string | null; action: Action } };

export interface UserInput {
  content: { type: "input_text"; text: string }[];
  attachments: string[];
  inference_options: Record<string, never>;
}

export function userInput(text: string): UserInput {
  return { content: [{ type: "input_text", text }], attachments: [], inference_options: {} };
}

export interface StreamHandlers {
  onEvent(event: ThreadStreamEvent): void;
  /** An event that failed validation; it is skipped, the stream goes on. */
  onInvalidEvent?(raw: string, error: string): void;
}

export interface ProtocolClient {
  stream(request: StreamingRequest, handlers: StreamHandlers, signal?: AbortSignal): Promise<void>;
  listThreads(params?: { limit?: number; after?: string | null }): Promise<ThreadPage>;
  getThread(threadId: string): Promise<Thread>;
  /** `threads.sync_custom_action`: the server's one-item answer to an action (the card minus a removed row). */
  syncCustomAction(threadId: string, itemId: string, action: Action): Promise<SyncCustomActionResponse>;
  /** Every item of a thread, oldest first, following `after` through the pages. */
  listAllItems(threadId: string, signal?: AbortSignal): Promise<ThreadItem[]>;
}

/** Stops a runaway pagination loop (a server answering `has_more` for ever). */
const MAX_ITEM_PAGES = 50;

async function errorFrom(res: Response): Promise<ChatRequestError> {
  const failed = await readError(res, `The chat server answered HTTP ${res.status}.`);
  return new ChatRequestError(failed.text, failed.status, failed.code ?? "http_error");
}

export function createProtocolClient({ url = "/api/chatkit", fetch: doFetch }: { url?: string; fetch: typeof fetch }): ProtocolClient {
  const post = (type: string, params: unknown, signal?: AbortSignal) =>
    doFetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "text/event-stream, application/json" },
      credentials: "same-origin",
      body: JSON.stringify({ type, params, metadata: {} }),
      signal,
    });

  async function json<T extends keyof typeof JSON_RESPONSE_SCHEMAS>(
    type: T,
    params: unknown,
    signal?: AbortSignal,
  ): Promise<z.output<(typeof JSON_RESPONSE_SCHEMAS)[T]>> {
    const res = await post(type, params, signal);
    if (!res.ok) throw await errorFrom(res);
    const parsed = JSON_RESPONSE_SCHEMAS[type].safeParse(await res.json());
    if (!parsed.success) throw new ChatRequestError(`Unexpected answer to ${type}: ${z.prettifyError(parsed.error)}`, res.status, "invalid_response");
    return parsed.data as z.output<(typeof JSON_RESPONSE_SCHEMAS)[T]>;
  }

  return {
    async stream(request, handlers, signal) {
      const res = await post(request.type, request.params, signal);
      if (!res.ok) throw await errorFrom(res);
      if (!res.body || !(res.headers.get("content-type") ?? "").includes("text/event-stream")) {
        throw new ChatRequestError("The chat server did not answer with an event stream.", res.status, "invalid_response");
      }
      const parser = createSseParser();
      const decoder = new TextDecoder();
      const reader = res.body.getReader();
      const deliver = (data: string) => {
        let raw: unknown;
        try {
          raw = JSON.parse(data);
        } catch {
          handlers.onInvalidEvent?.(data, "not JSON");
          return;
        }
        const parsed = ThreadStreamEventSchema.safeParse(raw);
        if (parsed.success) handlers.onEvent(parsed.data);
        else handlers.onInvalidEvent?.(data, z.prettifyError(parsed.error));
      };
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          for (const data of parser.push(decoder.decode(value, { stream: true }))) deliver(data);
        }
        for (const data of parser.push(decoder.decode())) deliver(data);
      } finally {
        parser.end();
        reader.releaseLock();
      }
    },

    listThreads({ limit = 20, after = null } = {}) {
      return json("threads.list", { limit, order: "desc", after });
    },

    getThread(threadId) {
      return json("threads.get_by_id", { thread_id: threadId });
    },

    syncCustomAction(threadId, itemId, action) {
      return json("threads.sync_custom_action", { thread_id: threadId, item_id: itemId, action });
    },

    async listAllItems(threadId, signal) {
      const items: ThreadItem[] = [];
      let after: string | null = null;
      for (let page = 0; page < MAX_ITEM_PAGES; page++) {
        const result: ThreadItemPage = await json("items.list", { thread_id: threadId, limit: MAX_PAGE_SIZE, order: "asc", after }, signal);
        items.push(...result.data);
        if (!result.has_more || !result.after) break;
        after = result.after;
      }
      return items;
    },
  };
}
