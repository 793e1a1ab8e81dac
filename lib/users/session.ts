import "server-only";
import { createHmac, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { serverEnv } from "@/lib/config/env";
import type { ApiRequest } from "@/lib/http/request";
import { randomBase64url } from "@/lib/security/random";

export const SESSION_COOKIE = "sid";
const ONE_YEAR_S = 365 * 24 * 3600;
/** 128 random bits as base64url (22 chars) or hex (32 chars). */
const SID_PATTERN = /^(?:[A-Za-z0-9_-]{22}|[0-9a-fA-F]{32})$/;

let secret: string | null = null;

/** SESSION_SECRET, else one generated once and kept under DATA_DIR so ids survive restarts. */
function sessionSecret(): string {
  if (secret) return secret;
  const env = serverEnv();
  if (env.SESSION_SECRET) return (secret = env.SESSION_SECRET);
  const file = path.join(env.DATA_DIR, "session-secret");
  try {
    secret = readFileSync(file, "utf8").trim();
    if (secret) return secret;
  } catch {
    // First start: generate below.
  }
  secret = randomBytes(32).toString("base64url");
  try {
    mkdirSync(env.DATA_DIR, { recursive: true });
    writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
  } catch {
    try {
      secret = readFileSync(file, "utf8").trim() || secret;
    } catch {
      // Read-only disk: the secret lives for this process only.
    }
  }
  return secret;
}

export function isValidSid(sid: string | undefined | null): sid is string {
  return typeof sid === "string" && SID_PATTERN.test(sid);
}

export function newSid(): string {
  return randomBase64url(16);
}

/** The user id the contract uses everywhere: the cookie itself never leaves the browser. */
export function userIdForSid(sid: string): string {
  return createHmac("sha256", sessionSecret()).update(sid).digest("base64url").slice(0, 22);
}

export function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    const raw = part.slice(eq + 1).trim();
    try {
      return decodeURIComponent(raw);
    } catch {
      // A malformed %-escape is a hostile or broken cookie, not a server error: use it as sent.
      return raw;
    }
  }
  return undefined;
}

export function sessionCookieHeader(sid: string, secure: boolean): string {
  return `${SESSION_COOKIE}=${sid}; Path=/; Max-Age=${ONE_YEAR_S}; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}

export interface Session {
  sid: string;
  userId: string;
  /** True when this response must set the cookie. */
  issued: boolean;
}

export function sessionFromRequest(req: ApiRequest): Session {
  const existing = readCookie(req.headers.get("cookie"), SESSION_COOKIE);
  if (isValidSid(existing)) return { sid: existing, userId: userIdForSid(existing), issued: false };
  const sid = newSid();
  return { sid, userId: userIdForSid(sid), issued: true };
}
