import { createHmac, randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import type { AppServer } from "../support/app-server";
import { startAppsOnRedis, type AppsOnRedis } from "../support/redis-server";

/**
 * The orchestrator's HTTP surface against the running app (Playwright's request fixture, no
 * browser), and two app instances sharing one Redis: a context published through one instance
 * is what the webhook on the other uses.
 */

const SECRET = "e2e-secret";
const auth = { authorization: `Bearer ${SECRET}` };
const TSLA = { symbol: "TSLA", timeframe: "1D" };

test.describe("chart action over HTTP", () => {
  test("'what chart is loaded?' names TSLA and 1D", async ({ request }) => {
    const res = await request.post("/api/chatkit/chart-action", { data: { query: "what chart is loaded?", chart_context: TSLA }, headers: auth });
    expect(res.status()).toBe(200);
    const body = await res.json();
    expect(body.success).toBe(true);
    expect(body.text).toContain("TSLA");
    expect(body.text).toContain("1D");
    expect(body.metadata).toMatchObject({ symbol: "TSLA", timeframe: "1D", engine: "rules" });
  });

  test("'draw support and resistance' on TSLA puts support below and resistance above the last close", async ({ request }) => {
    const candles = await (await request.get("/api/market/candles?symbol=TSLA&timeframe=1D")).json();
    const close = candles.candles.at(-1).close as number;
    const body = await (await request.post("/api/chatkit/chart-action", { data: { query: "draw support and resistance", chart_context: TSLA }, headers: auth })).json();
    const lines = (body.chart_commands as { type: string; role: string; price: number; label: string }[]).filter((c) => c.type === "horizontal_line");
    expect(lines.filter((l) => l.role === "support").length).toBeGreaterThan(0);
    expect(lines.filter((l) => l.role === "resistance").length).toBeGreaterThan(0);
    for (const l of lines) {
      if (l.role === "support") {
        expect(l.price).toBeLessThan(close);
        expect(l.label.startsWith("Support")).toBe(true);
      } else {
        expect(l.price).toBeGreaterThan(close);
        expect(l.label.startsWith("Resistance")).toBe(true);
      }
    }
    expect(body.tools_used).toEqual(["support_resistance"]);
  });

  test("'detect patterns' on NVDA uses the pattern tool", async ({ request }) => {
    const body = await (await request.post("/api/chatkit/chart-action", { data: { query: "detect patterns", chart_context: { symbol: "NVDA", timeframe: "1D" } }, headers: auth })).json();
    expect(body.tools_used).toContain("detect_patterns");
    expect(body.metadata.symbol).toBe("NVDA");
  });

  test("errors follow the contract", async ({ request }) => {
    const noAuth = await request.post("/api/chatkit/chart-action", { data: { query: "hi" } });
    expect(noAuth.status()).toBe(401);
    expect(noAuth.headers()["www-authenticate"]).toBe("Bearer");
    const bad = await request.post("/api/chatkit/chart-action", { data: { query: "hi", chart_context: { symbol: "TSLA", timeframe: "2h" } }, headers: auth });
    expect(bad.status()).toBe(400);
    expect(await bad.json()).toMatchObject({ success: false, code: "invalid_request", error: expect.stringMatching(/^chart_context\.timeframe: expected one of 1m, 5m/) });
    const get = await request.get("/api/chatkit/chart-action");
    expect(get.status()).toBe(405);
    expect(get.headers()["allow"]).toBe("POST");
    const big = await request.post("/api/chatkit/chart-action", { data: JSON.stringify({ query: "x", pad: "y".repeat(70_000) }), headers: { ...auth, "content-type": "application/json" } });
    expect(big.status()).toBe(413);
  });

  test("the webhook handles chart messages only", async ({ request }) => {
    const chart = await (await request.post("/api/chatkit/webhook", { data: { message: "add the 50 and 200 sma", user_id: "e2e-user", chart_context: TSLA }, headers: auth })).json();
    expect(chart).toMatchObject({ handled: true, tools_used: ["add_indicator"] });
    expect(chart.commands.map((c: { id: string }) => c.id)).toEqual(["ind-sma-50", "ind-sma-200"]);
    const other = await (await request.post("/api/chatkit/webhook", { data: { message: "what's for lunch?", user_id: "e2e-user" }, headers: auth })).json();
    expect(other).toEqual({ handled: false, response: null, commands: [], tools_used: [] });
  });

  test("the OpenAPI document addresses the forwarded origin", async ({ request }) => {
    const doc = await (await request.get("/api/chatkit/openapi.json", { headers: { "x-forwarded-proto": "https", "x-forwarded-host": "charts.example.com" } })).json();
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.servers[0].url).toBe("https://charts.example.com");
    expect(doc.paths["/api/chatkit/chart-action"].post.operationId).toBe("chart_control");
  });

  test("the chart context round-trips for the cookie user", async ({ request }) => {
    const put = await request.put("/api/chart-context", { data: { chart_context: { symbol: "AAPL", timeframe: "4h" }, drawings: [{ id: "ind-sma-50", type: "indicator" }] } });
    expect(put.status()).toBe(204);
    const got = await (await request.get("/api/chart-context")).json();
    expect(got.chart_context).toMatchObject({ symbol: "AAPL", timeframe: "4h" });
    expect(got.drawings).toEqual([{ id: "ind-sma-50", type: "indicator" }]);
  });
});

test.describe("two instances on one Redis", () => {
  const SESSION_SECRET = "two-instance-session-secret";
  let cluster: AppsOnRedis | undefined;
  let a: AppServer;
  let b: AppServer;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    // The same SESSION_SECRET makes a cookie mean the same user on both instances.
    const env = { SESSION_SECRET, CHART_ACTION_SECRET: SECRET, MARKET_DATA_PROVIDER: "demo" };
    const base = Number(process.env.E2E_TWIN_PORT) || 3236;
    cluster = await startAppsOnRedis({ ports: [base, base + 1], env });
    [a, b] = cluster.apps as [AppServer, AppServer];
  });

  test.afterAll(async () => {
    await cluster?.stop();
  });

  test("a context published through one instance is what the webhook on the other uses", async ({ playwright }) => {
    const sid = randomBytes(16).toString("base64url");
    const userId = createHmac("sha256", SESSION_SECRET).update(sid).digest("base64url").slice(0, 22);
    const onA = await playwright.request.newContext({ baseURL: a.url, extraHTTPHeaders: { cookie: `sid=${sid}` } });
    const onB = await playwright.request.newContext({ baseURL: b.url, extraHTTPHeaders: auth });
    try {
      expect((await onA.put("/api/chart-context", { data: { chart_context: { symbol: "NVDA", timeframe: "1W" } } })).status()).toBe(204);
      const info = await (await onB.post("/api/chatkit/webhook", { data: { message: "what chart is loaded?", user_id: userId } })).json();
      expect(info.handled).toBe(true);
      expect(info.response).toContain("You're viewing NVDA on the 1W timeframe");
      const levels = await (await onB.post("/api/chatkit/webhook", { data: { message: "draw support and resistance", user_id: userId } })).json();
      expect(levels.handled).toBe(true);
      expect(levels.response).toMatch(/^NVDA 1W: /);
      expect(levels.commands.length).toBeGreaterThan(0);
    } finally {
      await onA.dispose();
      await onB.dispose();
    }
  });
});
