import "server-only";
import packageJson from "@/package.json";
import { isEphemeralHost, serverEnv, type ServerEnv } from "@/lib/config/env";
import type { ProviderSetting } from "@/lib/market/types";

export interface HealthReport {
  ok: true;
  version: string;
  commit: string | null;
  llm: "configured" | "off";
  market_data: ProviderSetting;
  store: "memory" | "redis";
  chatkit: "custom" | "hosted";
  rate_limit: number;
  /** Whether chat threads outlive this instance: not on a serverless host without Redis. */
  threads: "persistent" | "ephemeral";
}

/** What this deployment runs with; no secrets, only whether they are set. */
export function healthReport(env: ServerEnv = serverEnv()): HealthReport {
  return {
    ok: true,
    version: packageJson.version,
    // Baked in at build by next.config.ts; Vercel names it itself.
    commit: process.env.APP_GIT_COMMIT || process.env.VERCEL_GIT_COMMIT_SHA || null,
    llm: env.OPENAI_API_KEY ? "configured" : "off",
    market_data: env.MARKET_DATA_PROVIDER,
    store: env.REDIS_URL ? "redis" : "memory",
    chatkit: env.CHATKIT_WORKFLOW_ID ? "hosted" : "custom",
    rate_limit: env.RATE_LIMIT_PER_MIN,
    threads: !env.REDIS_URL && isEphemeralHost(env) ? "ephemeral" : "persistent",
  };
}
