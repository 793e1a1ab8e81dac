"use client";

import { useEffect, useState } from "react";
import { useChartStoreApi } from "@/components/chart/chart-store-provider";
import { useChatBridge } from "@/components/bridge/use-chat-bridge";
import { describeArrival } from "@/components/command-stream/stream-message";
import { useCommandStream } from "@/components/command-stream/use-command-stream";
import { usePublishChartContext } from "@/components/command-stream/use-publish-chart-context";
import { useRuntimeConfig } from "@/components/workspace/runtime-config";

/** How long the "Chart updated by …" line stays visible. */
const NOTICE_MS = 8_000;

/**
 * Page-side integrations, mounted once inside the chart store provider: the postMessage bridge
 * for a chat frame on another origin, the chart context published for server-side paths, and the
 * command stream that brings drawings produced for this user elsewhere (MCP, webhook, chart
 * action with user_id) onto the chart.
 */
export function PageIntegrations() {
  const store = useChartStoreApi();
  const { allowedOrigins } = useRuntimeConfig();
  useChatBridge(store, allowedOrigins);
  usePublishChartContext(store);
  const stream = useCommandStream(store);
  /** The arrival whose notice has timed out. */
  const [expired, setExpired] = useState<number | null>(null);

  const at = stream.last?.at ?? null;
  useEffect(() => {
    if (at === null) return;
    const timer = setTimeout(() => setExpired(at), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [at]);

  const message = stream.last && expired !== stream.last.at ? describeArrival(stream.last) : "";
  return (
    <div
      role="status"
      aria-live="polite"
      aria-label="Chart updates from connected agents"
      data-command-stream={stream.state}
      className="integration-status"
      style={message ? NOTICE_STYLE : HIDDEN_STYLE}
    >
      {message}
    </div>
  );
}

const HIDDEN_STYLE = { position: "fixed", width: 1, height: 1, overflow: "hidden", clipPath: "inset(50%)" } as const;
const NOTICE_STYLE = {
  position: "fixed",
  left: 16,
  bottom: 16,
  zIndex: 50,
  maxWidth: 420,
  padding: "8px 12px",
  borderRadius: 8,
  font: "13px/1.4 system-ui, sans-serif",
  color: "#f8fafc",
  background: "rgba(15, 23, 42, 0.92)",
  boxShadow: "0 4px 16px rgba(0, 0, 0, 0.25)",
} as const;
