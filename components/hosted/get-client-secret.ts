import { z } from "zod";

const SecretSchema = z.object({ client_secret: z.string().min(1), expires_at: z.number() });
const ErrorSchema = z.object({ error: z.string(), code: z.string() });

/**
 * ChatKit's `api.getClientSecret(current)` for hosted workflows: asks our server to mint a
 * fresh secret (it always mints; `current` tells the server this is a refresh). Rejects on
 * failure so ChatKit shows its own error state.
 */
export async function getClientSecret(current: string | null, deps: { fetch?: typeof fetch } = {}): Promise<string> {
  const doFetch = deps.fetch ?? fetch;
  const res = await doFetch("/api/chatkit/session", {
    method: "POST",
    headers: { "content-type": "application/json" },
    credentials: "same-origin",
    body: JSON.stringify(current ? { current_client_secret: current } : {}),
  });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const err = ErrorSchema.safeParse(body);
    throw new Error(err.success ? `${err.data.code}: ${err.data.error}` : `chat session request failed with HTTP ${res.status}`);
  }
  const parsed = SecretSchema.safeParse(body);
  if (!parsed.success) throw new Error("chat session answer had no client_secret");
  return parsed.data.client_secret;
}
