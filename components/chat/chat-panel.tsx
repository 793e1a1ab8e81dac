"use client";

/** Slot for the chat UIs (ChatKit panel or built-in panel); owned by the chat-UI work. */
export function ChatPanel() {
  return null;
}
