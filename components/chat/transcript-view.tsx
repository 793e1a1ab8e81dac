"use client";

import { memo, useEffect, useRef } from "react";
import { AssistantMarkdown } from "@/components/chat/assistant-markdown";
import { assistantText, type TranscriptEntry, type TranscriptState } from "@/components/chat/transcript";
import { WidgetView, type WidgetActionRunner } from "@/components/chat/widget-view";
import type { ActionConfig } from "@/lib/chatkit/protocol";
import styles from "@/components/chat/chat-panel.module.css";

type EntryActionRunner = (itemId: string, action: ActionConfig) => Promise<{ removed?: boolean }>;

/**
 * One line of the conversation. Memoized: the reducer keeps every untouched entry's object, and
 * `runAction` is a stable callback, so a streamed delta re-renders only the answer it extends.
 */
const Entry = memo(function Entry({ entry, runAction }: { entry: TranscriptEntry; runAction: EntryActionRunner }) {
  switch (entry.kind) {
    case "user":
      return <p className={styles.user} data-role="user">{entry.text}</p>;
    case "assistant":
      return (
        <div className={styles.assistant} data-role="assistant" aria-busy={entry.streaming}>
          <AssistantMarkdown text={assistantText(entry)} />
        </div>
      );
    case "widget": {
      const run: WidgetActionRunner = (action) => runAction(entry.id, action);
      return <WidgetView widget={entry.widget} run={run} />;
    }
    case "tool_call":
      return <p className={styles.progress}>{`Tool ${entry.name}: ${entry.status}`}</p>;
    case "task":
    case "progress":
      return <p className={styles.progress} data-role="progress">{entry.text}</p>;
    case "notice":
      return <p className={entry.level === "info" ? styles.notice : styles.warning} data-role="notice">{entry.message}</p>;
    case "error":
      return <p className={styles.error} role="alert">{entry.message}</p>;
  }
});

/**
 * The conversation as a live log: screen readers hear new messages politely, and the view
 * follows the newest line unless the reader scrolled up to read.
 */
export function TranscriptView({
  transcript,
  runAction,
  children,
}: {
  transcript: TranscriptState;
  /** Keep it stable (useCallback): every entry re-renders when it changes. */
  runAction: EntryActionRunner;
  children?: React.ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const lastQuestion = useRef<string | null>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    // A question just sent always brings the view down to it, even if the reader had scrolled up.
    if (transcript.pendingUserText !== null && transcript.pendingUserText !== lastQuestion.current) atBottom.current = true;
    lastQuestion.current = transcript.pendingUserText;
    if (atBottom.current) el.scrollTop = el.scrollHeight;
  }, [transcript]);

  // The log also loses height without a transcript change (history list, status line, window
  // resize): keep the newest line in view then too.
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(() => {
      if (atBottom.current) el.scrollTop = el.scrollHeight;
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  return (
    <div
      ref={ref}
      className={styles.log}
      role="log"
      aria-live="polite"
      aria-label="Conversation"
      onScroll={(e) => {
        const el = e.currentTarget;
        atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
      }}
    >
      {transcript.entries.map((entry) => (
        <Entry key={entry.id} entry={entry} runAction={runAction} />
      ))}
      {transcript.pendingUserText !== null ? <p className={styles.user} data-role="user">{transcript.pendingUserText}</p> : null}
      {children}
    </div>
  );
}
