"use client";

import { useState } from "react";
import type { Thread } from "@/lib/chatkit/protocol";
import styles from "@/components/chat/chat-panel.module.css";

export type ThreadSummary = Pick<Thread, "id" | "title" | "created_at">;

const DATE_FORMAT = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });

function when(createdAt: string): string {
  const date = new Date(createdAt);
  return Number.isNaN(date.getTime()) ? "" : DATE_FORMAT.format(date);
}

/**
 * The user's past threads (the same ones the ChatKit UI's history shows); one click reopens one.
 * Folded away while a conversation is on screen, so the transcript keeps the column's height;
 * open on the start screen, where there is nothing else to read.
 */
export function ConversationList({
  threads,
  activeId,
  error,
  onOpen,
  openByDefault,
}: {
  threads: readonly ThreadSummary[];
  activeId: string | null;
  error: string | null;
  onOpen: (threadId: string) => void;
  openByDefault: boolean;
}) {
  // The reader's own choice wins until they pick a thread; null follows openByDefault.
  const [chosen, setChosen] = useState<boolean | null>(null);
  const open = chosen ?? openByDefault;
  return (
    <nav className={styles.history} aria-label="Conversations">
      <details open={open}>
        <summary
          className={styles.historySummary}
          onClick={(e) => {
            e.preventDefault();
            setChosen(!open);
          }}
        >
          Conversations <span className={styles.historyCount}>{threads.length}</span>
        </summary>
        {error ? <p className={styles.error}>{error}</p> : null}
        {threads.length === 0 && !error ? <p className={styles.muted}>No conversations yet.</p> : null}
        <ul>
        {threads.map((t) => (
          <li key={t.id}>
            <button
              type="button"
              className={styles.historyItem}
              aria-current={t.id === activeId ? "true" : undefined}
              onClick={() => {
                setChosen(null);
                onOpen(t.id);
              }}
            >
              <span>{t.title || "Untitled conversation"}</span>
              <time dateTime={t.created_at}>{when(t.created_at)}</time>
            </button>
          </li>
        ))}
        </ul>
      </details>
    </nav>
  );
}
