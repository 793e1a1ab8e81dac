import { z } from "zod";
import { readError } from "@/components/http/read-error";

const SecretSchema = z.object({ client_secret: z.string().min(1), expires_at: z.number() });

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
  if (!res.ok) {
    const failed = await readError(res, `chat session request failed with HTTP ${res.status}`);
    throw new Error(failed.code === null ? failed.error : `${failed.code}: ${failed.error}`);
  }
  const parsed = SecretSchema.safeParse(await res.json().catch(() => null));
  if (!parsed.success) throw new Error("chat session answer had no client_secret");
  return parsed.data.client_secret;
}
