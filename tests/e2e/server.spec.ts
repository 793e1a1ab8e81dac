import { spawn } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { freePort, startApp, type AppServer } from "../support/app-server";

/**
 * The production server itself (`npm start`, server/main.ts), as a deploy sees it: its own
 * answers for unknown API paths and methods, compression, start-up failure and shutdown.
 */

test.describe.configure({ mode: "serial" });

let app: AppServer;

test.beforeEach(async () => {
  app = await startApp({ port: await freePort() });
});

test.afterEach(async () => {
  await app.stop();
});

function rawRequest(url: string, method: string): Promise<{ status: number; allow?: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += c.toString()));
      res.on("end", () => resolve({ status: res.statusCode!, allow: res.headers.allow, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

test("unknown API paths and methods get the contract's errors, and large bodies are gzipped", async () => {
  const missing = await fetch(`${app.url}/api/no-such-route?x=1`);
  expect(missing.status).toBe(404);
  expect(await missing.json()).toMatchObject({ success: false, code: "not_found" });

  const propfind = await rawRequest(`${app.url}/api/health`, "PROPFIND");
  expect(propfind.status).toBe(405);
  expect(propfind.allow).toBe("GET");
  expect(JSON.parse(propfind.body)).toMatchObject({ code: "method_not_allowed" });

  const candles = await fetch(`${app.url}/api/market/candles?symbol=TSLA&timeframe=1D`, { headers: { "accept-encoding": "gzip" } });
  expect(candles.headers.get("content-encoding")).toBe("gzip");
  expect(((await candles.json()) as { candles: unknown[] }).candles.length).toBeGreaterThan(100);
});

test("on SIGTERM, an open command stream is ended and the server exits cleanly", async () => {
  const stream = await fetch(`${app.url}/api/chart-commands/stream`);
  expect(stream.headers.get("content-type")).toContain("text/event-stream");
  const started = Date.now();
  const stopped = app.stop();
  // The stream ends (its client would reconnect to the next instance) instead of holding the shutdown.
  await stream.text();
  await stopped;
  expect(await app.exited).toBe(0);
  expect(Date.now() - started).toBeLessThan(4_000);
});

test("a second server on a port already in use says so and exits non-zero", async () => {
  const port = new URL(app.url).port;
  const second = spawn(process.execPath, [path.resolve(process.env.NEXT_DIST_DIR || ".next", "app-server.cjs")], {
    env: { ...process.env, PORT: port, HOST: "127.0.0.1", LOG_SILENT: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  second.stdout.on("data", (d: Buffer) => (output += d.toString()));
  second.stderr.on("data", (d: Buffer) => (output += d.toString()));
  const code = await new Promise<number | null>((resolve) => second.once("exit", resolve));
  expect(code).toBe(1);
  expect(output).toContain("EADDRINUSE");
  // The first one is untouched.
  expect((await fetch(`${app.url}/api/health`)).status).toBe(200);
});
