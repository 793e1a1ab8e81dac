"use client";

import { ConversationList } from "@/components/chat/conversation-list";
import { MessageComposer } from "@/components/chat/message-composer";
import { START_GREETING, START_PROMPTS } from "@/components/chat/start-prompts";
import { TranscriptView } from "@/components/chat/transcript-view";
import { useBuiltinChat } from "@/components/chat/use-builtin-chat";
import styles from "@/components/chat/chat-panel.module.css";

/**
 * The page's own chat, used when the ChatKit web component cannot load (offline, blocked, a
 * domain ChatKit refuses): the same server, threads and drawings, in plain accessible HTML.
 */
export function BuiltinChatPanel({ fallbackReason }: { fallbackReason?: string | null }) {
  const chat = useBuiltinChat();
  const { transcript, busy } = chat;
  const empty = transcript.entries.length === 0 && transcript.pendingUserText === null;

  return (
    <section className={styles.panel} aria-label="Chat" data-chat-ui="builtin" data-fallback-reason={fallbackReason ?? undefined}>
      <header className={styles.header}>
        <h2 className={styles.title}>{transcript.title || "Chart assistant"}</h2>
        <button type="button" className={styles.secondary} onClick={chat.newChat}>
          New chat
        </button>
      </header>
      <ConversationList
        threads={chat.threads} activeId={transcript.threadId} error={chat.historyError} onOpen={(id) => void chat.openThread(id)}
        openByDefault={empty}
      />
      <TranscriptView transcript={transcript} runAction={chat.runWidgetAction}>
        {empty ? (
          <div className={styles.start}>
            <p>{START_GREETING}</p>
            <ul className={styles.prompts} aria-label="Example prompts">
              {START_PROMPTS.map((p) => (
                <li key={p.label}>
                  <button type="button" className={styles.secondary} disabled={busy} onClick={() => void chat.send(String(p.prompt))}>
                    {p.label}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </TranscriptView>
      <p className={styles.status} role="status" aria-live="polite">
        {busy ? <span className={styles.pending}>{transcript.progress ?? "Thinking…"}</span> : null}
      </p>
      <MessageComposer busy={busy} onSend={chat.send} />
    </section>
  );
}
