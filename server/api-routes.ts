import * as analyze from "@/app/api/analyze/route";
import * as chartCommandsStream from "@/app/api/chart-commands/stream/route";
import * as chartContext from "@/app/api/chart-context/route";
import * as chartAction from "@/app/api/chatkit/chart-action/route";
import * as openapi from "@/app/api/chatkit/openapi.json/route";
import * as chatkit from "@/app/api/chatkit/route";
import * as chatkitSession from "@/app/api/chatkit/session/route";
import * as webhook from "@/app/api/chatkit/webhook/route";
import * as health from "@/app/api/health/route";
import * as candles from "@/app/api/market/candles/route";
import * as mcp from "@/app/api/mcp/route";
import * as session from "@/app/api/session/route";
import { AppError } from "@/lib/http/errors";
import type { WebHandler } from "@/lib/http/node-adapter";
import { methodNotAllowed, type RouteHandler } from "@/lib/http/route";
import { log } from "@/lib/log/logger";

type RouteModule = Partial<Record<string, unknown>>;

/**
 * Every `app/api/**\/route.ts`, by path: the production server answers these itself with the
 * very handlers Next.js would call (tests/unit/server/api-routes.test.ts keeps the list complete).
 */
export const API_ROUTES: Readonly<Record<string, RouteModule>> = {
  "/api/analyze": analyze,
  "/api/chart-commands/stream": chartCommandsStream,
  "/api/chart-context": chartContext,
  "/api/chatkit/chart-action": chartAction,
  "/api/chatkit/openapi.json": openapi,
  "/api/chatkit": chatkit,
  "/api/chatkit/session": chatkitSession,
  "/api/chatkit/webhook": webhook,
  "/api/health": health,
  "/api/market/candles": candles,
  "/api/mcp": mcp,
  "/api/session": session,
};

/**
 * The handler for any `/api/` request. The server answers every one itself, unknown paths
 * and methods included: a request left to Next.js would reach Next's own copy of the
 * app's in-memory state (rate limits, command bus, stores). HEAD is GET without the body.
 */
export function apiHandler(pathname: string, method: string): WebHandler {
  const mod = Object.hasOwn(API_ROUTES, pathname) ? API_ROUTES[pathname] : undefined;
  if (!mod) {
    return () => {
      log.info("request", { route: pathname, method, status: 404, ms: 0 });
      return new AppError("not_found", `no API route at ${pathname}`).toResponse();
    };
  }
  const handler = (Object.hasOwn(mod, method) ? mod[method] : undefined) ?? (method === "HEAD" ? mod.GET : undefined);
  if (typeof handler === "function") return handler as WebHandler;
  const allow = (mod.GET as RouteHandler).allow;
  return () => methodNotAllowed(pathname, method, allow);
}
