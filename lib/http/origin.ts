import "server-only";
import { allowedOrigins, serverEnv } from "@/lib/config/env";
import type { ApiRequest } from "./request";

/** The origin this request was addressed to, honouring a proxy's forwarded headers. */
export function requestOrigin(req: ApiRequest): string {
  const env = serverEnv();
  if (env.PUBLIC_BASE_URL) return new URL(env.PUBLIC_BASE_URL).origin;
  const url = new URL(req.url);
  const proto = firstValid(req.headers.get("x-forwarded-proto"), PROTO) ?? url.protocol.replace(":", "");
  const host = firstValid(req.headers.get("x-forwarded-host"), HOST) ?? firstValid(req.headers.get("host"), HOST) ?? url.host;
  return `${proto}://${host}`;
}

const PROTO = /^https?$/;
/** A host name or IP literal with an optional port: nothing that would make the origin a different URL. */
const HOST = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.?|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/** A `Host` header that can stand in a URL as it is (no path, query, spaces or credentials). */
export function isValidHost(host: string | null | undefined): host is string {
  return typeof host === "string" && HOST.test(host);
}

/** The first entry of a (possibly comma-separated, proxy-appended) header, when it has the expected form. */
function firstValid(header: string | null, pattern: RegExp): string | null {
  const first = header?.split(",")[0]?.trim();
  return first && pattern.test(first) ? first.toLowerCase() : null;
}

/** The Host as sent (the common case: our own page), else the request URL's origin or the proxied one. */
function isOwnOrigin(req: ApiRequest, origin: string): boolean {
  const host = req.headers.get("host");
  if (host && (origin === `http://${host}` || origin === `https://${host}`)) return true;
  return origin === new URL(req.url).origin || origin === requestOrigin(req);
}

export function isSameOrigin(req: ApiRequest): boolean {
  const origin = req.headers.get("origin");
  return origin !== null && isOwnOrigin(req, origin);
}

/** Own origin or one listed in CHATKIT_ORIGINS; a request without Origin is not a browser cross-site call. */
export function isOriginAllowed(req: ApiRequest): boolean {
  const origin = req.headers.get("origin");
  if (origin === null) return true;
  if (origin === "null") return false;
  return isOwnOrigin(req, origin) || allowedOrigins().includes(origin);
}
