"use client";

import { useCallback, useMemo, useRef, useState, type RefObject } from "react";
import type { UseChatKitOptions } from "@openai/chatkit-react";
import { useChartStoreApi } from "@/components/chart/chart-store-provider";
import { useChartEffects } from "@/components/chat/use-chart-effects";
import { handleClientTool } from "@/components/hosted/client-tools";
import { useRuntimeConfig } from "@/components/workspace/runtime-config";

export type ChatKitStatus =
  | { kind: "connecting" }
  | { kind: "idle" }
  | { kind: "working" }
  | { kind: "error"; message: string };

/** The part of ChatKit's control the handlers call back into once it is mounted. */
export interface ChatKitActions {
  sendCustomAction(action: { type: string; payload?: Record<string, unknown> }, itemId?: string): Promise<void>;
}

type Handlers = Pick<UseChatKitOptions, "onEffect" | "onClientTool" | "widgets" | "onReady" | "onError" | "onResponseStart" | "onResponseEnd">;

/**
 * The ChatKit UI's side of the page: server effects draw on the chart, the card's Remove acts
 * client-side, hosted workflows get the client tools, and the response lifecycle drives a
 * visible status line. `onEarlyError` reports an error before any answer started (a refused
 * domain key, an unreachable server), which lets the page fall back to the built-in panel.
 */
export function useChatKitHandlers({
  chatkit,
  onReady,
  onEarlyError,
}: {
  chatkit: RefObject<ChatKitActions | null>;
  onReady: () => void;
  onEarlyError: (message: string) => void;
}) {
  const { hostedWorkflow } = useRuntimeConfig();
  const store = useChartStoreApi();
  const { applyEffect, handleClientAction } = useChartEffects();
  const [status, setStatus] = useState<ChatKitStatus>({ kind: "connecting" });
  const answered = useRef(false);

  const onClientTool = useCallback((call: { name: string; params: Record<string, unknown> }) => handleClientTool(call, store), [store]);

  const handlers = useMemo<Handlers>(
    () => ({
      onEffect: ({ name, data }) => applyEffect(name, data ?? {}),
      onClientTool: hostedWorkflow ? onClientTool : undefined,
      widgets: {
        // ChatKit routes only `handler: "client"` actions here; server ones go to threads.custom_action.
        onAction: async (action, item) => {
          const result = handleClientAction(action);
          if (!result.handled) {
            console.warn(`[chat] no client handler for widget action ${action.type}`);
            return;
          }
          // Forwarded as the samples do, so the server drops the row from the stored card.
          if (result.removed) await chatkit.current?.sendCustomAction(action, item.id);
        },
      },
      onReady: () => {
        setStatus({ kind: "idle" });
        onReady();
      },
      onError: ({ error }) => {
        const message = error?.message || "The chat hit an error.";
        setStatus({ kind: "error", message });
        if (!answered.current) onEarlyError(message);
      },
      onResponseStart: () => {
        answered.current = true;
        setStatus({ kind: "working" });
      },
      onResponseEnd: () => setStatus((s) => (s.kind === "error" ? s : { kind: "idle" })),
    }),
    [applyEffect, chatkit, handleClientAction, hostedWorkflow, onClientTool, onReady, onEarlyError],
  );

  return { handlers, status };
}
