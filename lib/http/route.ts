import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { serverEnv } from "@/lib/config/env";
import { log } from "@/lib/log/logger";
import { sessionCookieHeader, sessionFromRequest, type Session } from "@/lib/users/session";
import { AppError, isAppError } from "./errors";
import { EventStreamReply, type Reply } from "./event-stream";
import { isSameOrigin, requestOrigin } from "./origin";
import { NodeRequest, type ApiRequest } from "./request";
import { rateLimiterFor } from "./rate-limit";

/**
 * OPTIONS is listed so a route answers it with the contract's 405 and a true `allow`; left to
 * Next.js it gets a 204 whose `allow` names every exported method, the 405 ones included.
 */
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
type Method = (typeof METHODS)[number];

/**
 * - `public`: anyone.
 * - `cookie`: the session user (a cookie is issued when missing).
 * - `server`: bearer `CHART_ACTION_SECRET` when set, unless our own page calls (same Origin + cookie).
 */
export type Access = "public" | "cookie" | "server";

export interface RequestContext {
  req: ApiRequest;
  session: Session;
  /** How the caller got in: our page, a bearer-holding server, or an open endpoint. */
  caller: "page" | "bearer" | "anonymous";
  /** Extra fields for this request's log line. */
  logFields: Record<string, unknown>;
}

export type Handler = (ctx: RequestContext) => Promise<Reply> | Reply;

export interface RouteOptions {
  access: Access;
  rateLimited?: boolean;
}

function bearerOf(req: ApiRequest): string | null {
  const h = req.headers.get("authorization");
  const m = h?.match(/^Bearer\s+(.+)$/i);
  return m?.[1]?.trim() ?? null;
}

function constantTimeEqual(a: string, b: string): boolean {
  const ha = createHash("sha256").update(a).digest();
  const hb = createHash("sha256").update(b).digest();
  return timingSafeEqual(ha, hb);
}

function clientIp(req: ApiRequest): string {
  return req.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || req.headers.get("x-real-ip") || "local";
}

function authorize(req: ApiRequest, access: Access, session: Session): RequestContext["caller"] {
  const hasCookie = !session.issued;
  if (access !== "server") return hasCookie ? "page" : "anonymous";
  const secret = serverEnv().CHART_ACTION_SECRET;
  const bearer = bearerOf(req);
  if (bearer && secret && constantTimeEqual(bearer, secret)) return "bearer";
  if (isSameOrigin(req) && hasCookie) return "page";
  if (!secret) return "anonymous";
  throw new AppError("unauthorized", bearer ? "invalid bearer token" : "missing bearer token (authorization: Bearer <CHART_ACTION_SECRET>)");
}

async function rateLimit(req: ApiRequest, session: Session, caller: RequestContext["caller"]): Promise<void> {
  const env = serverEnv();
  if (env.RATE_LIMIT_PER_MIN === 0) return;
  // Only a bearer that authenticated names a client: a made-up one per request must not buy a fresh limit.
  const bearer = caller === "bearer" ? bearerOf(req) : null;
  const key = bearer
    ? `b:${createHash("sha256").update(bearer).digest("base64url").slice(0, 16)}`
    : !session.issued
      ? `u:${session.userId}`
      : `ip:${clientIp(req)}`;
  let decision;
  try {
    decision = await rateLimiterFor(env.REDIS_URL).hit(key, env.RATE_LIMIT_PER_MIN);
  } catch (err) {
    // A Redis outage must not take the API down with it: fail open, loudly.
    log.warn("rate limiter unavailable", { error: String(err) });
    return;
  }
  if (!decision.allowed) {
    throw new AppError("rate_limited", `more than ${env.RATE_LIMIT_PER_MIN} requests per minute`, {
      headers: { "retry-after": String(decision.retryAfterS) },
    });
  }
}

function finish(res: Reply, session: Session, req: ApiRequest): Reply {
  if (!session.issued) return res;
  const secure = requestOrigin(req).startsWith("https:");
  if (res instanceof EventStreamReply) {
    res.cookies.push(sessionCookieHeader(session.sid, secure));
    return res;
  }
  try {
    res.headers.append("set-cookie", sessionCookieHeader(session.sid, secure));
    return res;
  } catch {
    // Immutable headers (a Response.redirect, a fetched upstream response): copy it.
    const copy = new Response(res.body, res);
    copy.headers.append("set-cookie", sessionCookieHeader(session.sid, secure));
    return copy;
  }
}

export function errorResponse(err: unknown, route: string): Response {
  if (isAppError(err)) return err.toResponse();
  log.error("unhandled error", { route, error: err instanceof Error ? err.message : String(err), stack: err instanceof Error ? err.stack : undefined });
  return new AppError("internal", "internal error").toResponse();
}

function wrap(route: string, method: Method, handler: Handler, opts: RouteOptions) {
  return async (req: ApiRequest): Promise<Reply> => {
    const started = performance.now();
    const session = sessionFromRequest(req);
    const logFields: Record<string, unknown> = {};
    let res: Reply;
    try {
      const caller = authorize(req, opts.access, session);
      if (opts.rateLimited !== false) await rateLimit(req, session, caller);
      res = await handler({ req, session, caller, logFields });
    } catch (err) {
      res = errorResponse(err, route);
      if (isAppError(err)) logFields.code = err.code;
    }
    const out = finish(res, session, req);
    log.info("request", { route, method, status: out.status, ms: Math.round((performance.now() - started) * 100) / 100, ...logFields });
    return out instanceof EventStreamReply && !(req instanceof NodeRequest) ? out.toResponse() : out;
  };
}

/**
 * A route's handler for one method; `allow` lists the methods the route serves. Called with a
 * Web `Request` (Next.js, tests) it answers a `Response`; the production server's NodeRequest
 * may get an EventStreamReply, which it writes itself.
 */
export interface RouteHandler {
  (req: Request): Promise<Response>;
  (req: ApiRequest): Promise<Reply>;
  readonly allow: string;
}

/** The contract's 405 for a method the route does not serve, with its log line. */
export function methodNotAllowed(route: string, method: string, allow: string): Response {
  log.info("request", { route, method, status: 405, ms: 0 });
  return new AppError("method_not_allowed", `${method} is not allowed on ${route}; use ${allow}`, { headers: { allow } }).toResponse();
}

/**
 * Handlers for every method: the served ones wrapped with auth, limits, logging and error
 * mapping; the rest answer the contract's 405 with `allow`.
 */
export function defineRoute(route: string, handlers: Partial<Record<Method, Handler>>, opts: RouteOptions): Record<Method, RouteHandler> {
  const allow = METHODS.filter((m) => handlers[m]).join(", ");
  const out = {} as Record<Method, RouteHandler>;
  for (const m of METHODS) {
    const h = handlers[m];
    const fn = h ? wrap(route, m, h, opts) : async () => methodNotAllowed(route, m, allow);
    // wrap() answers a Web Request with a Response, which is what the first signature promises.
    out[m] = Object.assign(fn, { allow }) as RouteHandler;
  }
  return out;
}
