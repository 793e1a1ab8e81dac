import type { ScriptStatus } from "@/components/chat/use-chatkit-script";

export type ChatUiMode = "chatkit" | "builtin" | "auto";
/** `probing`: auto mode, ChatKit still loading or not yet ready; the page waits a few seconds. */
export type ChatUiChoice = "chatkit" | "builtin" | "probing";

/**
 * Which chat the page shows. Forced modes are taken as given; `auto` shows ChatKit only once
 * its script loaded and the component reported ready, and falls back for good on any failure.
 */
export function chooseChatUi({
  mode,
  script,
  chatkitReady,
  chatkitFailed,
}: {
  mode: ChatUiMode;
  script: ScriptStatus;
  chatkitReady: boolean;
  chatkitFailed: boolean;
}): ChatUiChoice {
  if (mode !== "auto") return mode;
  if (chatkitFailed || script === "failed") return "builtin";
  if (script === "ready" && chatkitReady) return "chatkit";
  return "probing";
}
