import "server-only";
import { z } from "zod";

/** Empty strings in a deploy's environment mean "unset", as t3-env does. */
export const str = () => z.preprocess((v) => (v === "" ? undefined : v), z.string().optional());
export const int = (def: number, min = 0, max = Number.MAX_SAFE_INTEGER) =>
  z.preprocess((v) => (v === "" || v === undefined ? def : v), z.coerce.number().int().min(min).max(max));
const choice = <T extends readonly [string, ...string[]]>(values: T, def: T[number]) =>
  z.preprocess((v) => (v === "" || v === undefined ? def : v), z.enum(values));

export const ServerEnvSchema = z.object({
  NODE_ENV: z.string().default("development"),
  OPENAI_API_KEY: str(),
  OPENAI_MODEL: z.preprocess((v) => (v === "" ? undefined : v), z.string().default("gpt-4.1-mini")),
  OPENAI_BASE_URL: z.preprocess((v) => (v === "" ? undefined : v), z.url().optional()),
  OPENAI_TIMEOUT_MS: int(15000, 100),
  MARKET_DATA_PROVIDER: choice(["demo", "yahoo", "auto"] as const, "demo"),
  MARKET_DATA_TIMEOUT_MS: int(5000, 100),
  REDIS_URL: z.preprocess((v) => (v === "" ? undefined : v), z.url().optional()),
  CHART_ACTION_SECRET: str(),
  SESSION_SECRET: str(),
  RATE_LIMIT_PER_MIN: int(120, 0),
  CHART_CONTEXT_TTL_S: int(86400, 1),
  CHART_CONTEXT_MAX_ENTRIES: int(10000, 1),
  DATA_DIR: z.preprocess((v) => (v === "" ? undefined : v), z.string().default(".data")),
  CHATKIT_DB_PATH: str(),
  CHATKIT_WORKFLOW_ID: str(),
  CHATKIT_API_BASE: z.preprocess((v) => (v === "" ? undefined : v), z.url().default("https://api.openai.com")),
  CHATKIT_DOMAIN_KEY: str(),
  CHATKIT_ORIGINS: str(),
  NEXT_PUBLIC_CHATKIT_ORIGINS: str(),
  CHAT_UI: choice(["chatkit", "builtin", "auto"] as const, "auto"),
  PUBLIC_BASE_URL: z.preprocess((v) => (v === "" ? undefined : v), z.url().optional()),
  /** Set by serverless hosts (Vercel, Netlify, AWS Lambda): their disk does not outlive the instance. */
  VERCEL: str(),
  NETLIFY: str(),
  AWS_LAMBDA_FUNCTION_NAME: str(),
});
export type ServerEnv = z.output<typeof ServerEnvSchema>;

let cached: ServerEnv | null = null;

/** `schema` over process.env, or an error naming every offending variable. */
export function parseEnv<S extends z.ZodType>(schema: S): z.output<S> {
  const parsed = schema.safeParse(process.env);
  if (parsed.success) return parsed.data;
  throw new Error(`Invalid environment: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
}

/** Parsed once per process; a bad deploy fails on first use with every offending variable named. */
export function serverEnv(): ServerEnv {
  cached ??= parseEnv(ServerEnvSchema);
  return cached;
}

/** Tests change process.env between cases. */
export function resetServerEnv(): void {
  cached = null;
}

/** Exact origins `scheme://host[:port]` allowed to talk to the page (bridge, CSP, ChatKit Origin check). */
export function allowedOrigins(env: ServerEnv = serverEnv()): string[] {
  const raw = [env.CHATKIT_ORIGINS, env.NEXT_PUBLIC_CHATKIT_ORIGINS].filter(Boolean).join(",");
  const out = new Set<string>();
  for (const part of raw.split(",")) {
    const candidate = part.trim();
    if (!candidate || candidate === "null") continue;
    try {
      const u = new URL(candidate);
      if ((u.protocol === "https:" || u.protocol === "http:") && u.origin === candidate.replace(/\/$/, "")) out.add(u.origin);
    } catch {
      // Not an origin: ignored, as the contract says for anything but exact origins.
    }
  }
  return [...out];
}

export function isEphemeralHost(env: ServerEnv = serverEnv()): boolean {
  return Boolean(env.VERCEL || env.NETLIFY || env.AWS_LAMBDA_FUNCTION_NAME);
}
