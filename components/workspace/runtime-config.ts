"use client";

import { createContext, createElement, useContext, type ReactNode } from "react";
import type { Timeframe } from "@/lib/market/values";

/**
 * What the server tells the page at request time. Client-safe by construction: no secrets,
 * only whether the hosted workflow exists and which origins may talk to the page.
 */
export interface RuntimeConfig {
  /** `CHAT_UI`: which chat the page shows (`auto` picks ChatKit when it loads, else the built-in one). */
  chatUi: "chatkit" | "builtin" | "auto";
  /** `CHATKIT_DOMAIN_KEY`: public by design (ChatKit sends it from the browser); null when unset. */
  chatkitDomainKey: string | null;
  /** Whether `CHATKIT_WORKFLOW_ID` is set (the hosted Agent Builder mode); never the id itself. */
  hostedWorkflow: boolean;
  /** `CHATKIT_ORIGINS` (+ `NEXT_PUBLIC_CHATKIT_ORIGINS`): exact origins the postMessage bridge accepts. */
  allowedOrigins: string[];
  /** The chart the page opened on (deep link or defaults). */
  initialSymbol: string;
  initialTimeframe: Timeframe;
}

const RuntimeConfigContext = createContext<RuntimeConfig | null>(null);

export function RuntimeConfigProvider({ config, children }: { config: RuntimeConfig; children: ReactNode }) {
  return createElement(RuntimeConfigContext.Provider, { value: config }, children);
}

export function useRuntimeConfig(): RuntimeConfig {
  const config = useContext(RuntimeConfigContext);
  if (!config) throw new Error("useRuntimeConfig must be used inside <RuntimeConfigProvider>");
  return config;
}
