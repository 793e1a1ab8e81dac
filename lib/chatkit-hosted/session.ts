import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/http/errors";
import { log } from "@/lib/log/logger";

/** `POST /api/chatkit/session` body: `{}` or `{current_client_secret}` (a new one is minted either way). */
export const SessionRequestSchema = z.object({
  current_client_secret: z.string().max(4096).nullish(),
});

/** What OpenAI answers; only the fields we hand on are checked. */
export const UpstreamSessionSchema = z.object({
  client_secret: z.string().min(1),
  expires_at: z.number().int(),
});
export type ClientSecret = z.output<typeof UpstreamSessionSchema>;

export interface HostedSessionConfig {
  apiKey: string;
  workflowId: string;
  /** `CHATKIT_API_BASE`, e.g. https://api.openai.com */
  apiBase: string;
  timeoutMs: number;
  fetchImpl?: typeof fetch;
}

/** Configuration for hosted mode, or null when the deployment does not use it. */
export function hostedSessionConfig(env: {
  OPENAI_API_KEY?: string;
  CHATKIT_WORKFLOW_ID?: string;
  CHATKIT_API_BASE: string;
  OPENAI_TIMEOUT_MS: number;
}): HostedSessionConfig | null {
  if (!env.OPENAI_API_KEY || !env.CHATKIT_WORKFLOW_ID) return null;
  return { apiKey: env.OPENAI_API_KEY, workflowId: env.CHATKIT_WORKFLOW_ID, apiBase: env.CHATKIT_API_BASE, timeoutMs: env.OPENAI_TIMEOUT_MS };
}

function upstreamFailure(message: string, fields: Record<string, unknown>): AppError {
  log.warn("chatkit session upstream failure", { ...fields, message });
  return new AppError("upstream_unavailable", message, { text: "The chat service is unavailable right now; please try again shortly." });
}

/**
 * Mints a ChatKit client secret for the workflow, for this user: `POST /v1/chatkit/sessions`.
 * Upstream 429 → 429 (with its retry-after), other failures → 502, timeout → 504.
 */
export async function mintClientSecret(config: HostedSessionConfig, userId: string): Promise<ClientSecret> {
  const url = new URL("/v1/chatkit/sessions", config.apiBase).toString();
  const doFetch = config.fetchImpl ?? fetch;
  let res: Response;
  try {
    res = await doFetch(url, {
      method: "POST",
      headers: {
        authorization: `Bearer ${config.apiKey}`,
        "content-type": "application/json",
        "OpenAI-Beta": "chatkit_beta=v1",
      },
      body: JSON.stringify({ workflow: { id: config.workflowId }, user: userId }),
      signal: AbortSignal.timeout(config.timeoutMs),
    });
  } catch (err) {
    if (err instanceof DOMException && (err.name === "TimeoutError" || err.name === "AbortError")) {
      log.warn("chatkit session upstream timeout", { timeout_ms: config.timeoutMs });
      throw new AppError("upstream_timeout", `ChatKit sessions did not answer within ${config.timeoutMs} ms`);
    }
    throw upstreamFailure("ChatKit sessions unreachable", { error: String(err) });
  }

  if (res.status === 429) {
    await res.body?.cancel().catch(() => undefined);
    const retry = Number(res.headers.get("retry-after"));
    throw new AppError("rate_limited", "ChatKit sessions rate limit reached", {
      headers: { "retry-after": String(Number.isFinite(retry) && retry > 0 ? Math.ceil(retry) : 1) },
    });
  }
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    throw upstreamFailure(`ChatKit sessions answered ${res.status} without JSON`, { status: res.status });
  }
  if (!res.ok) {
    const detail = z.object({ error: z.object({ message: z.string() }) }).safeParse(body);
    throw upstreamFailure(`ChatKit sessions answered ${res.status}`, { status: res.status, upstream_error: detail.success ? detail.data.error.message : undefined });
  }
  const parsed = UpstreamSessionSchema.safeParse(body);
  if (!parsed.success) throw upstreamFailure("ChatKit sessions answered an unexpected shape", { issue: parsed.error.issues[0]?.message });
  return parsed.data;
}
