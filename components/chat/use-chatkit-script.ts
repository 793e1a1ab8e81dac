"use client";

import { useEffect, useState } from "react";

/** Where the `<openai-chatkit>` web component's code lives; the npm packages hold types only. */
export const CHATKIT_SCRIPT_URL = "https://cdn.platform.openai.com/deployments/chatkit/chatkit.js";
const ELEMENT_NAME = "openai-chatkit";

export type ScriptStatus = "idle" | "loading" | "ready" | "failed";

// One load per page: every panel that mounts later shares the first attempt's outcome.
let loadPromise: Promise<void> | null = null;

function loadChatKitScript(timeoutMs: number): Promise<void> {
  if (customElements.get(ELEMENT_NAME)) return Promise.resolve();
  if (loadPromise) return loadPromise;
  const attempt = new Promise<void>((resolve, reject) => {
    const script = document.createElement("script");
    script.src = CHATKIT_SCRIPT_URL;
    script.async = true;
    const timer = window.setTimeout(() => reject(new Error("ChatKit script timed out")), timeoutMs);
    script.addEventListener("error", () => {
      window.clearTimeout(timer);
      reject(new Error("ChatKit script failed to load"));
    });
    // The element is defined by the script itself; `load` only says the file arrived.
    customElements.whenDefined(ELEMENT_NAME).then(() => {
      window.clearTimeout(timer);
      resolve();
    });
    document.head.appendChild(script);
  });
  // A failed attempt is not cached for ever: a later mount (after the network returns) retries.
  loadPromise = attempt.catch((error: unknown) => {
    loadPromise = null;
    throw error;
  });
  return loadPromise;
}

/**
 * Loads the ChatKit web component once and reports whether it became available within
 * `timeoutMs`. Disabled (`enabled: false`) it stays `idle` and loads nothing, so the built-in
 * mode never contacts the CDN.
 */
export function useChatKitScript({ enabled, timeoutMs }: { enabled: boolean; timeoutMs: number }): ScriptStatus {
  const [status, setStatus] = useState<Exclude<ScriptStatus, "idle">>("loading");

  useEffect(() => {
    if (!enabled) return;
    let active = true;
    loadChatKitScript(timeoutMs).then(
      () => {
        if (active) setStatus("ready");
      },
      () => {
        if (active) setStatus("failed");
      },
    );
    return () => {
      active = false;
    };
  }, [enabled, timeoutMs]);

  return enabled ? status : "idle";
}
