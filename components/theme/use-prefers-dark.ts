"use client";

import { useSyncExternalStore } from "react";

const QUERY = "(prefers-color-scheme: dark)";

function subscribe(onChange: () => void): () => void {
  const media = window.matchMedia(QUERY);
  media.addEventListener("change", onChange);
  return () => media.removeEventListener("change", onChange);
}

/**
 * The system theme, kept current when it changes. The server cannot know it, so it renders
 * `serverDefault` and the client corrects it on hydration.
 */
export function usePrefersDark(serverDefault: boolean): boolean {
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(QUERY).matches,
    () => serverDefault,
  );
}
