"use client";

import { useEffect } from "react";
import type { ChartStore } from "@/components/chart/chart-store";
import { bridgeOrigins, handleBridgeMessage, type BridgeTarget } from "./bridge-messages";

/**
 * Listens for a chat frame's bridge messages for the page's whole life, whichever chat is
 * shown, and answers the sender only, at the sender's origin.
 */
export function useChatBridge(store: ChartStore, configuredOrigins: readonly string[]): void {
  const originsKey = configuredOrigins.join(",");
  useEffect(() => {
    const allowed = bridgeOrigins(window.location.origin, originsKey ? originsKey.split(",") : []);
    const target: BridgeTarget = {
      chartContext: () => {
        const ctx = store.getState().chartContext();
        return { symbol: ctx.symbol, timeframe: ctx.timeframe, snapshot_id: ctx.snapshot_id ?? null };
      },
      applyCommands: (input) => store.getState().applyCommands(input),
      warn: (message, detail) => (detail === undefined ? console.warn(message) : console.warn(message, detail)),
    };
    const onMessage = (event: MessageEvent) => {
      const source = event.source;
      // Only a window (a frame, a popup) is a chat frame to answer.
      if (!source || source instanceof MessagePort || (typeof ServiceWorker !== "undefined" && source instanceof ServiceWorker)) return;
      const reply = handleBridgeMessage({ origin: event.origin, data: event.data }, allowed, target);
      if (reply) (source as Window).postMessage(reply, event.origin);
    };
    window.addEventListener("message", onMessage);
    return () => window.removeEventListener("message", onMessage);
  }, [store, originsKey]);
}
