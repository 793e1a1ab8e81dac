"use client";

import { useCallback, useEffect, useState } from "react";
import { BuiltinChatPanel } from "@/components/chat/builtin-chat-panel";
import { ChatKitPanel } from "@/components/chat/chatkit-panel";
import { chooseChatUi } from "@/components/chat/choose-chat-ui";
import { useChatKitScript } from "@/components/chat/use-chatkit-script";
import { useRuntimeConfig } from "@/components/workspace/runtime-config";
import styles from "@/components/chat/chat-panel.module.css";

/** How long `auto` waits for the ChatKit script, then for its ready event, before falling back. */
export const CHATKIT_READY_TIMEOUT_MS = 4000;

/**
 * The chat beside the chart. One build serves both UIs: `CHAT_UI=chatkit|builtin` forces one;
 * `auto` (the default) shows ChatKit when its script loads and reports ready within a few
 * seconds, and the built-in panel otherwise (offline, blocked CDN, a domain ChatKit refuses).
 */
export function ChatPanel() {
  const { chatUi } = useRuntimeConfig();
  const [ready, setReady] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const script = useChatKitScript({ enabled: chatUi !== "builtin", timeoutMs: CHATKIT_READY_TIMEOUT_MS });
  const choice = chooseChatUi({ mode: chatUi, script, chatkitReady: ready, chatkitFailed: failure !== null });

  useEffect(() => {
    if (chatUi !== "auto" || script !== "ready" || ready || failure) return;
    const timer = window.setTimeout(() => setFailure("ChatKit did not report ready"), CHATKIT_READY_TIMEOUT_MS);
    return () => window.clearTimeout(timer);
  }, [chatUi, script, ready, failure]);

  const onReady = useCallback(() => setReady(true), []);
  const onEarlyError = useCallback(
    (message: string) => {
      if (chatUi === "auto") setFailure(message);
    },
    [chatUi],
  );

  if (choice === "builtin") {
    return <BuiltinChatPanel fallbackReason={chatUi === "auto" ? (failure ?? "ChatKit script unavailable") : null} />;
  }
  if (choice === "probing" && script !== "ready") {
    return (
      <section className={styles.panel} aria-label="Chat" aria-busy="true" data-chat-ui="loading">
        <p className={styles.status} role="status">
          <span className={styles.pending}>Loading chat…</span>
        </p>
      </section>
    );
  }
  return (
    <>
      {chatUi === "chatkit" && script === "failed" ? (
        <p className={styles.error} role="alert">
          The ChatKit script could not load (CHAT_UI=chatkit). Set CHAT_UI=auto to fall back to the built-in chat.
        </p>
      ) : null}
      <ChatKitPanel onReady={onReady} onEarlyError={onEarlyError} />
    </>
  );
}
