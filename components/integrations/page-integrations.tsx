"use client";

/** Slot for page-side integrations (postMessage bridge, command stream); owned by the integrations work. */
export function PageIntegrations() {
  return null;
}
