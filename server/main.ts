import { createServer } from "node:http";
import next from "next";
import { parseEnv } from "@/lib/config/env";
import { closeThreadStore } from "@/lib/chatkit/store";
import { AppError } from "@/lib/http/errors";
import { log } from "@/lib/log/logger";
import { closeEventStreams, serveWithHandler } from "@/lib/http/node-adapter";
import { requestArrived } from "@/lib/http/turns";
import { apiHandler } from "./api-routes";
import { ServerProcessEnvSchema } from "./env";

function pathnameOf(url: string | undefined): string {
  const raw = url ?? "/";
  const q = raw.indexOf("?");
  return q === -1 ? raw : raw.slice(0, q);
}

/**
 * The production server (`npm start`): API routes are answered straight from their route
 * handlers, everything else (the page, its assets) by Next.js. Next's request pipeline costs
 * about 2 ms of CPU per request on a small machine, which alone would put the chart action's
 * p99 over its 50 ms goal at 32 connections; the handlers themselves take a fraction of that.
 */
async function main(): Promise<void> {
  const { PORT, HOST } = parseEnv(ServerProcessEnvSchema);
  const app = next({ dev: false, dir: process.cwd(), hostname: HOST ?? "localhost", port: PORT });
  const handleNext = app.getRequestHandler();
  await app.prepare();

  const server = createServer((req, res) => {
    requestArrived();
    const pathname = pathnameOf(req.url);
    const handler = pathname.startsWith("/api/") || pathname === "/api" ? apiHandler(pathname, req.method ?? "GET") : null;
    const served = handler ? serveWithHandler(handler, req, res, pathname) : handleNext(req, res);
    // API routes log their own line (with their fields); the page and its assets get the same shape here.
    if (!handler) {
      const started = performance.now();
      res.once("finish", () => log.info("request", { route: pathname, method: req.method, status: res.statusCode, ms: Math.round((performance.now() - started) * 100) / 100 }));
    }
    served.catch((err: unknown) => {
      log.error("request failed", { route: pathname, error: err instanceof Error ? err.message : String(err) });
      if (!res.headersSent) {
        res.statusCode = 500;
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify(new AppError("internal", "internal error").body()));
      } else res.destroy();
    });
  });
  server.keepAliveTimeout = 65_000;
  server.listen(PORT, HOST, () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : PORT;
    log.info("ready", { url: `http://${HOST ?? "localhost"}:${port}` });
  });

  server.on("error", (err) => fail("server error", err));

  // A deploy's SIGTERM: stop accepting, let requests in flight finish, give event streams a
  // moment (a chat answer takes well under it; the page's command stream reconnects to the
  // next instance), then cut what is left.
  const stop = () => {
    log.info("shutting down");
    // The thread store commits its queued writes on close: the last answers' items are kept.
    server.close(() => void Promise.allSettled([app.close(), closeThreadStore()]).finally(() => process.exit(0)));
    // A keep-alive connection whose last response just finished would otherwise hold close() open.
    server.closeIdleConnections();
    setInterval(() => server.closeIdleConnections(), 200).unref();
    setTimeout(closeEventStreams, STREAM_GRACE_MS).unref();
    setTimeout(() => server.closeAllConnections(), REQUEST_GRACE_MS).unref();
    setTimeout(() => process.exit(0), REQUEST_GRACE_MS + 2000).unref();
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

const STREAM_GRACE_MS = 2000;
const REQUEST_GRACE_MS = 10_000;

/** A server that cannot start (port taken, no build) must say so and exit non-zero, not linger. */
function fail(msg: string, err: unknown): never {
  log.error(msg, { error: err instanceof Error ? err.message : String(err) });
  process.exit(1);
}

main().catch((err: unknown) => fail("could not start", err));
