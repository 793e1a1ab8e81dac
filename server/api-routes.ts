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
import type { WebHandler } from "@/lib/http/node-adapter";

type RouteModule = Partial<Record<string, unknown>>;

/**
 * Every `app/api/**\/route.ts`, by path: the production server answers these itself with the
 * very handlers Next.js would call (tests/unit/server/api-routes.test.ts keeps the list complete,
 * since a route missing here would be served by a second copy of the app's in-memory state).
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

/** The route's handler for a method; HEAD is GET without the body, as in Next.js. */
export function apiHandler(pathname: string, method: string): WebHandler | null {
  const mod = Object.hasOwn(API_ROUTES, pathname) ? API_ROUTES[pathname] : undefined;
  if (!mod) return null;
  const handler = mod[method] ?? (method === "HEAD" ? mod.GET : undefined);
  return typeof handler === "function" ? (handler as WebHandler) : null;
}
