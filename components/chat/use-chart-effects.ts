"use client";

import { useCallback } from "react";
import { useChartStoreApi } from "@/components/chart/chart-store-provider";
import { parseClientEffect, removeDrawingId } from "@/components/chat/chart-effects";

/**
 * The chart side of both chat UIs: server effects become drawings, the card's Remove takes one
 * away. Handlers read the store at call time, so they stay stable across renders.
 */
export function useChartEffects() {
  const store = useChartStoreApi();

  const applyEffect = useCallback(
    (name: string, data: unknown) => {
      const effect = parseClientEffect(name, data);
      if (effect.kind === "invalid") {
        console.warn(`[chat] ignored a malformed ${name} effect: ${effect.error}`);
        return;
      }
      if (effect.kind === "ignored") return;
      const result = store.getState().applyCommands(effect.commands);
      for (const r of result.rejected) console.warn(`[chat] command ${r.index} rejected: ${r.error}`);
    },
    [store],
  );

  /** True when `action` was the client-side Remove (handled here); false for anything else. */
  const handleClientAction = useCallback(
    (action: { type: string; payload?: unknown }): { handled: boolean; removed: boolean } => {
      const id = removeDrawingId(action);
      if (id === null) return { handled: false, removed: false };
      return { handled: true, removed: store.getState().removeDrawing(id) };
    },
    [store],
  );

  return { applyEffect, handleClientAction };
}
