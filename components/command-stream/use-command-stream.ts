"use client";

import { useEffect, useState } from "react";
import type { ChartStore } from "@/components/chart/chart-store";
import { CHART_COMMANDS_RECEIVED_EVENT, parseStreamData, type CommandsReceivedDetail } from "./stream-message";

export const COMMAND_STREAM_URL = "/api/chart-commands/stream";
/** EventSource gives up after a non-200 answer (429, 5xx): try again after this long. */
const REOPEN_AFTER_MS = 5_000;

export type CommandStreamState = "connecting" | "open" | "closed";

export interface CommandStreamStatus {
  state: CommandStreamState;
  /** The latest batch that arrived, for the page's status line. */
  last: (CommandsReceivedDetail & { at: number }) | null;
}

/**
 * Subscribes the page to commands produced for this user elsewhere (MCP, webhook, the chart
 * action with `user_id`), applies them through the store and announces them.
 */
export function useCommandStream(store: ChartStore): CommandStreamStatus {
  const [status, setStatus] = useState<CommandStreamStatus>({ state: "connecting", last: null });

  useEffect(() => {
    let source: EventSource | null = null;
    let reopenTimer: ReturnType<typeof setTimeout> | undefined;
    let disposed = false;

    const onMessage = (event: MessageEvent<string>) => {
      const message = parseStreamData(event.data);
      if (!message) {
        console.warn("[command stream] ignored a malformed event");
        return;
      }
      const result = store.getState().applyCommands(message.commands);
      for (const r of result.rejected) console.warn(`[command stream] command ${r.index} rejected: ${r.error}`);
      const detail: CommandsReceivedDetail = { source: message.source, applied: result.applied, rejected: result.rejected };
      if (message.text !== undefined) detail.text = message.text;
      setStatus({ state: "open", last: { ...detail, at: Date.now() } });
      window.dispatchEvent(new CustomEvent<CommandsReceivedDetail>(CHART_COMMANDS_RECEIVED_EVENT, { detail }));
    };

    const open = () => {
      source = new EventSource(COMMAND_STREAM_URL);
      source.onopen = () => setStatus((s) => ({ ...s, state: "open" }));
      source.onmessage = onMessage;
      source.onerror = () => {
        if (!source || source.readyState !== EventSource.CLOSED) {
          setStatus((s) => ({ ...s, state: "connecting" }));
          return;
        }
        setStatus((s) => ({ ...s, state: "closed" }));
        source = null;
        if (!disposed) reopenTimer = setTimeout(open, REOPEN_AFTER_MS);
      };
    };
    open();

    return () => {
      disposed = true;
      clearTimeout(reopenTimer);
      source?.close();
    };
  }, [store]);

  return status;
}
