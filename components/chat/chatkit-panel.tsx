"use client";

import { useEffect, useRef } from "react";
import { ChatKit, useChatKit } from "@openai/chatkit-react";
import { START_GREETING, START_PROMPTS } from "@/components/chat/start-prompts";
import { useChatKitApi } from "@/components/chat/use-chatkit-api";
import { useChatKitHandlers, type ChatKitActions, type ChatKitStatus } from "@/components/chat/use-chatkit-handlers";
import { usePrefersDark } from "@/components/theme/use-prefers-dark";
import styles from "@/components/chat/chat-panel.module.css";

function statusText(status: ChatKitStatus): string {
  switch (status.kind) {
    case "connecting":
      return "Connecting to ChatKit…";
    case "idle":
      return "";
    case "working":
      return "Working on it…";
    case "error":
      return `Chat error: ${status.message}`;
  }
}

/** OpenAI's ChatKit UI pointed at our server (or a hosted workflow), with a status line below. */
export function ChatKitPanel({ onReady, onEarlyError }: { onReady: () => void; onEarlyError: (message: string) => void }) {
  const api = useChatKitApi();
  // Server render: light, corrected on hydration.
  const colorScheme = usePrefersDark(false) ? "dark" : "light";
  const actions = useRef<ChatKitActions | null>(null);
  const { handlers, status } = useChatKitHandlers({ chatkit: actions, onReady, onEarlyError });
  const chatkit = useChatKit({
    api,
    theme: { colorScheme, radius: "soft", density: "compact" },
    frameTitle: "Chart assistant chat",
    history: { enabled: true, showDelete: true, showRename: true },
    startScreen: { greeting: START_GREETING, prompts: [...START_PROMPTS] },
    composer: { placeholder: "Ask about the chart…" },
    threadItemActions: { feedback: false, retry: true },
    ...handlers,
  });
  useEffect(() => {
    actions.current = chatkit;
  }, [chatkit]);

  return (
    <section className={styles.panel} aria-label="Chat" data-chat-ui="chatkit">
      <ChatKit control={chatkit.control} className={styles.chatkit} />
      <p className={status.kind === "error" ? `${styles.status} ${styles.error}` : styles.status} role="status" aria-live="polite">
        {status.kind === "working" ? <span className={styles.pending}>{statusText(status)}</span> : statusText(status)}
      </p>
    </section>
  );
}
