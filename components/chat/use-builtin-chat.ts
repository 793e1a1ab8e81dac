"use client";

import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from "react";
import { useChartStoreApi } from "@/components/chart/chart-store-provider";
import { withChartContext } from "@/components/chat/chart-context-fetch";
import { ChatRequestError, createProtocolClient, userInput, type StreamingRequest } from "@/components/chat/protocol-client";
import { EMPTY_TRANSCRIPT, GENERIC_ERROR, reduceTranscript, type TranscriptState } from "@/components/chat/transcript";
import { useChartEffects } from "@/components/chat/use-chart-effects";
import type { ActionConfig } from "@/lib/chatkit/protocol";
import type { ThreadSummary } from "@/components/chat/conversation-list";

/** Threads shown in the history list; older ones stay on the server. */
const HISTORY_LIMIT = 30;

export interface BuiltinChat {
  transcript: TranscriptState;
  busy: boolean;
  threads: readonly ThreadSummary[];
  historyError: string | null;
  /** Resolves false when the question never reached the thread, so the composer gives it back. */
  send(text: string): Promise<boolean>;
  runWidgetAction(itemId: string, action: ActionConfig): Promise<{ removed?: boolean }>;
  openThread(threadId: string): Promise<void>;
  newChat(): void;
}

function messageOf(error: unknown): string {
  if (error instanceof ChatRequestError) return error.message;
  if (error instanceof TypeError) return "The chat server could not be reached. Check the connection and try again.";
  return GENERIC_ERROR;
}

/**
 * The built-in panel's state: one conversation at a time over the ChatKit protocol, effects
 * applied to the chart the moment they arrive, and the user's thread history.
 */
export function useBuiltinChat(): BuiltinChat {
  const store = useChartStoreApi();
  const { applyEffect, handleClientAction } = useChartEffects();
  const [transcript, dispatch] = useReducer(reduceTranscript, EMPTY_TRANSCRIPT);
  const [busy, setBusy] = useState(false);
  const [threads, setThreads] = useState<readonly ThreadSummary[]>([]);
  const [historyError, setHistoryError] = useState<string | null>(null);
  const running = useRef<AbortController | null>(null);
  // The open thread, kept beside the reducer for callbacks that run between renders.
  const threadId = useRef<string | null>(null);

  const client = useMemo(
    () => createProtocolClient({ fetch: withChartContext((input, init) => fetch(input, init), () => store.getState().chartContext()) }),
    [store],
  );

  const refreshHistory = useCallback(async () => {
    try {
      const page = await client.listThreads({ limit: HISTORY_LIMIT });
      setThreads(page.data);
      setHistoryError(null);
    } catch (error) {
      setHistoryError(messageOf(error));
    }
  }, [client]);

  useEffect(() => {
    // Loading the list is the point of mounting; the state lands after the request resolves.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void refreshHistory();
    return () => running.current?.abort();
  }, [refreshHistory]);

  const run = useCallback(
    async (request: StreamingRequest): Promise<{ ok: boolean; userItemSaved: boolean; aborted: boolean }> => {
      running.current?.abort();
      const controller = new AbortController();
      running.current = controller;
      setBusy(true);
      let failed = false;
      let userItemSaved = false;
      try {
        await client.stream(
          request,
          {
            onEvent(event) {
              if (event.type === "client_effect") applyEffect(event.name, event.data);
              else if (event.type === "error") failed = true;
              else if (event.type === "thread.created") threadId.current = event.thread.id;
              else if (event.type === "thread.item.done" && event.item.type === "user_message") userItemSaved = true;
              dispatch({ type: "event", event });
            },
            onInvalidEvent(raw, error) {
              console.warn(`[chat] skipped an invalid event (${error}): ${raw.slice(0, 200)}`);
            },
          },
          controller.signal,
        );
        dispatch({ type: "stream_end" });
      } catch (error) {
        if (controller.signal.aborted) return { ok: false, userItemSaved, aborted: true };
        failed = true;
        dispatch({ type: "failed", message: messageOf(error) });
      } finally {
        if (running.current === controller) {
          running.current = null;
          setBusy(false);
        }
      }
      void refreshHistory();
      return { ok: !failed, userItemSaved, aborted: false };
    },
    [client, applyEffect, refreshHistory],
  );

  const send = useCallback(
    async (text: string) => {
      const current = threadId.current;
      dispatch({ type: "send", text });
      const result = await run(
        current
          ? { type: "threads.add_user_message", params: { thread_id: current, input: userInput(text) } }
          : { type: "threads.create", params: { input: userInput(text) } },
      );
      // The question is safe once the server stored it; one the user walked away from (New chat,
      // another thread) is not pushed back into the box.
      return result.ok || result.userItemSaved || result.aborted;
    },
    [run],
  );

  const runWidgetAction = useCallback(
    async (itemId: string, action: ActionConfig) => {
      const local = handleClientAction(action);
      if (local.handled) {
        const current = threadId.current;
        if (local.removed && current) {
          // The server answers with the card minus that row and stores it, so a reopened thread agrees with the chart.
          client.syncCustomAction(current, itemId, { type: action.type, payload: action.payload }).then(
            ({ updated_item }) => {
              if (updated_item && threadId.current === current) dispatch({ type: "event", event: { type: "thread.item.replaced", item: updated_item } });
            },
            (error: unknown) => console.warn(`[chat] could not update the card after a removal: ${messageOf(error)}`),
          );
        }
        return { removed: local.removed };
      }
      if (action.handler === "client") {
        console.warn(`[chat] no client handler for widget action ${action.type}`);
        return {};
      }
      const current = threadId.current;
      if (!current) return {};
      await run({ type: "threads.custom_action", params: { thread_id: current, item_id: itemId, action: { type: action.type, payload: action.payload } } });
      return {};
    },
    [client, handleClientAction, run],
  );

  const openThread = useCallback(
    async (id: string) => {
      running.current?.abort();
      try {
        const [thread, items] = await Promise.all([client.getThread(id), client.listAllItems(id)]);
        threadId.current = thread.id;
        dispatch({ type: "open", thread, items });
      } catch (error) {
        dispatch({ type: "failed", message: messageOf(error) });
      }
    },
    [client],
  );

  const newChat = useCallback(() => {
    running.current?.abort();
    threadId.current = null;
    dispatch({ type: "reset" });
  }, []);

  return { transcript, busy, threads, historyError, send, runWidgetAction, openThread, newChat };
}
