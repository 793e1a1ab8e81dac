import "server-only";
import { allowedOrigins, serverEnv } from "@/lib/config/env";

/** The origin this request was addressed to, honouring a proxy's forwarded headers. */
export function requestOrigin(req: Request): string {
  const env = serverEnv();
  if (env.PUBLIC_BASE_URL) return new URL(env.PUBLIC_BASE_URL).origin;
  const url = new URL(req.url);
  const proto = req.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() || url.protocol.replace(":", "");
  const host = req.headers.get("x-forwarded-host")?.split(",")[0]?.trim() || req.headers.get("host") || url.host;
  return `${proto}://${host}`;
}

function ownOrigins(req: Request): Set<string> {
  const out = new Set<string>([requestOrigin(req), new URL(req.url).origin]);
  const host = req.headers.get("host");
  if (host) {
    out.add(`http://${host}`);
    out.add(`https://${host}`);
  }
  return out;
}

export function isSameOrigin(req: Request): boolean {
  const origin = req.headers.get("origin");
  return origin !== null && ownOrigins(req).has(origin);
}

/** Own origin or one listed in CHATKIT_ORIGINS; a request without Origin is not a browser cross-site call. */
export function isOriginAllowed(req: Request): boolean {
  const origin = req.headers.get("origin");
  if (origin === null) return true;
  if (origin === "null") return false;
  return ownOrigins(req).has(origin) || allowedOrigins().includes(origin);
}
