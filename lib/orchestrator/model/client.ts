import "server-only";
import OpenAI from "openai";
import type { ServerEnv } from "@/lib/config/env";

const clients = new Map<string, OpenAI>();

/**
 * One client per configuration. No SDK retries: the whole model path has one deadline
 * (OPENAI_TIMEOUT_MS), and a retry would spend the time the rules fallback needs.
 */
export function openaiClient(env: Pick<ServerEnv, "OPENAI_API_KEY" | "OPENAI_BASE_URL" | "OPENAI_TIMEOUT_MS">): OpenAI {
  const key = `${env.OPENAI_API_KEY}|${env.OPENAI_BASE_URL ?? ""}|${env.OPENAI_TIMEOUT_MS}`;
  let client = clients.get(key);
  if (!client) {
    client = new OpenAI({ apiKey: env.OPENAI_API_KEY, baseURL: env.OPENAI_BASE_URL, timeout: env.OPENAI_TIMEOUT_MS, maxRetries: 0 });
    clients.set(key, client);
  }
  return client;
}
