"use client";

import { useMemo } from "react";
import type { CustomApiConfig, HostedApiConfig } from "@openai/chatkit-react";
import { useChartStoreApi } from "@/components/chart/chart-store-provider";
import { withChartContext } from "@/components/chat/chart-context-fetch";
import { getClientSecret } from "@/components/hosted/get-client-secret";
import { useRuntimeConfig } from "@/components/workspace/runtime-config";

export const CHATKIT_API_URL = "/api/chatkit";
/**
 * ChatKit requires some domain key; on localhost any value passes its check. A public domain
 * needs the real key from OpenAI's domain allowlist (`CHATKIT_DOMAIN_KEY`).
 */
export const LOCAL_DOMAIN_KEY = "domain_pk_localhost_dev";

/**
 * How the ChatKit UI reaches a server: our own `/api/chatkit`, with the chart on screen in a
 * header of every request; or, when a hosted Agent Builder workflow is configured, a client
 * secret minted by `/api/chatkit/session`.
 */
export function useChatKitApi(): CustomApiConfig | HostedApiConfig {
  const { chatkitDomainKey, hostedWorkflow } = useRuntimeConfig();
  const store = useChartStoreApi();
  return useMemo(() => {
    if (hostedWorkflow) return { getClientSecret: (current: string | null) => getClientSecret(current) };
    return {
      url: CHATKIT_API_URL,
      domainKey: chatkitDomainKey ?? LOCAL_DOMAIN_KEY,
      fetch: withChartContext((input, init) => fetch(input, init), () => store.getState().chartContext()),
    };
  }, [chatkitDomainKey, hostedWorkflow, store]);
}
