import { resetServerEnv } from "@/lib/config/env";
import { resetMarketService } from "@/lib/market/service";

const BASELINE = { ...process.env };
/** Switched off unless a test turns them on, so a developer's shell never leaks a model, Redis or a secret in. */
const OFF = ["OPENAI_API_KEY", "REDIS_URL", "CHART_ACTION_SECRET", "PUBLIC_BASE_URL"] as const;

/** The process environment as at start, on demo market data, plus `vars`; env and market caches reset. */
export function setTestEnv(vars: Record<string, string> = {}): void {
  process.env = { ...BASELINE, MARKET_DATA_PROVIDER: "demo" };
  for (const key of OFF) delete process.env[key];
  Object.assign(process.env, vars);
  resetServerEnv();
  resetMarketService();
}

export function restoreTestEnv(): void {
  process.env = { ...BASELINE };
  resetServerEnv();
  resetMarketService();
}
