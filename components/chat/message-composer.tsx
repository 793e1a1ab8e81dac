"use client";

import { useState, type FormEvent, type KeyboardEvent } from "react";
import { MAX_QUESTION_CHARS } from "@/lib/chatkit/protocol";
import styles from "@/components/chat/chat-panel.module.css";

/**
 * The message box: Enter sends, Shift+Enter starts a new line. The text leaves the box when sent
 * and comes back if the question never reached the server, so nothing typed is lost.
 */
export function MessageComposer({ busy, onSend }: { busy: boolean; onSend: (text: string) => Promise<boolean> }) {
  const [text, setText] = useState("");

  const submit = async () => {
    const question = text.trim();
    if (!question || busy) return;
    setText("");
    const delivered = await onSend(question);
    if (!delivered) setText((current) => (current === "" ? question : current));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void submit();
    }
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void submit();
  };

  return (
    <form className={styles.composer} onSubmit={onSubmit}>
      <textarea
        className={styles.input}
        aria-label="Message"
        placeholder="Ask about the chart…"
        rows={2}
        maxLength={MAX_QUESTION_CHARS}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <button type="submit" className={styles.send} disabled={busy || text.trim() === ""}>
        Send
      </button>
    </form>
  );
}
