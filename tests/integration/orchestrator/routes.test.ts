import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as chartActionRoute from "@/app/api/chatkit/chart-action/route";
import * as webhookRoute from "@/app/api/chatkit/webhook/route";
import * as chartContextRoute from "@/app/api/chart-context/route";
import * as openapiRoute from "@/app/api/chatkit/openapi.json/route";
import { subscribeUser, type CommandEvent } from "@/lib/command-bus/bus";
import { resetServerEnv } from "@/lib/config/env";
import { getCandles, resetMarketService } from "@/lib/market/service";
import { userIdForSid } from "@/lib/users/session";

/** The four endpoints through their exported handlers, as Next calls them. */

const BASE = "http://localhost:3000";
const saved = { ...process.env };

function setEnv(extra: Record<string, string> = {}) {
  process.env = { ...saved, MARKET_DATA_PROVIDER: "demo", SESSION_SECRET: "test-session-secret", RATE_LIMIT_PER_MIN: "0", LOG_SILENT: "1", ...extra };
  delete process.env.OPENAI_API_KEY;
  delete process.env.REDIS_URL;
  delete process.env.CHART_ACTION_SECRET;
  delete process.env.PUBLIC_BASE_URL;
  for (const [k, v] of Object.entries(extra)) process.env[k] = v;
  resetServerEnv();
}

beforeEach(() => {
  setEnv();
  resetMarketService();
});
afterAll(() => {
  process.env = { ...saved };
  resetServerEnv();
});

/**
 * @apidevtools/swagger-parser is ESM-only and jest runs CommonJS here, so the document is
 * validated by the real parser in a child Node process.
 */
function validateOpenApi(doc: unknown): string {
  const script =
    "import SwaggerParser from '@apidevtools/swagger-parser';" +
    "let raw='';process.stdin.on('data',(d)=>raw+=d).on('end',async()=>{" +
    "try{await SwaggerParser.validate(JSON.parse(raw));process.stdout.write('valid')}catch(e){process.stdout.write('invalid: '+e.message)}});";
  return execFileSync(process.execPath, ["--input-type=module", "-e", script], { input: JSON.stringify(doc), cwd: process.cwd() }).toString();
}

const newSid = () => randomBytes(16).toString("base64url");

function post(path: string, body: unknown, headers: Record<string, string> = {}): Request {
  return new Request(`${BASE}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

async function expectError(res: Response, status: number, code: string, errorStart?: string | RegExp) {
  expect(res.status).toBe(status);
  const body = (await res.json()) as Record<string, unknown>;
  expect(body).toEqual({ success: false, code, error: expect.any(String), text: expect.any(String) });
  if (typeof errorStart === "string") expect(String(body.error).startsWith(errorStart)).toBe(true);
  else if (errorStart) expect(body.error).toMatch(errorStart);
  return body;
}

const TSLA = { symbol: "TSLA", timeframe: "1D" };
const action = (body: unknown, headers?: Record<string, string>) => chartActionRoute.POST(post("/api/chatkit/chart-action", body, headers));
const webhook = (body: unknown, headers?: Record<string, string>) => webhookRoute.POST(post("/api/chatkit/webhook", body, headers));

describe("POST /api/chatkit/chart-action", () => {
  it("answers 'what chart is loaded?' with the symbol and timeframe", async () => {
    const res = await action({ query: "what chart is loaded?", chart_context: TSLA });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(Object.keys(body).sort()).toEqual(["chart_commands", "metadata", "success", "text", "tools_used"]);
    expect(body.success).toBe(true);
    expect(body.text).toContain("TSLA");
    expect(body.text).toContain("1D");
    expect(body.metadata).toMatchObject({ symbol: "TSLA", timeframe: "1D", engine: "rules" });
    expect(Number.isNaN(Date.parse(body.metadata.timestamp))).toBe(false);
  });

  it("draws support below and resistance above the last close", async () => {
    const close = (await getCandles({ symbol: "TSLA", timeframe: "1D" })).candles.at(-1)!.close;
    const body = await (await action({ query: "draw support and resistance", chart_context: TSLA })).json();
    const lines = body.chart_commands.filter((c: { type: string }) => c.type === "horizontal_line");
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) {
      if (l.role === "support") expect(l.price).toBeLessThan(close);
      else expect(l.price).toBeGreaterThan(close);
    }
    expect(lines.some((l: { role: string }) => l.role === "support")).toBe(true);
    expect(lines.some((l: { role: string }) => l.role === "resistance")).toBe(true);
    expect(body.tools_used).toEqual(["support_resistance"]);
    expect(body.metadata).toMatchObject({ data_source: "demo", candles: { count: 500 } });
  });

  it("uses the pattern tool for 'detect patterns' on NVDA", async () => {
    const body = await (await action({ query: "detect patterns", chart_context: { symbol: "NVDA", timeframe: "1D" } })).json();
    expect(body.tools_used).toContain("detect_patterns");
  });

  it("asks which symbol without context or ticker, and draws nothing", async () => {
    const body = await (await action({ query: "draw support and resistance" })).json();
    expect(body.text).toMatch(/symbol/);
    expect(body.chart_commands).toEqual([]);
    expect(body.metadata.symbol).toBeNull();
  });

  it("accepts aliases, null optionals and unknown fields, and echoes the conversation id", async () => {
    const body = await (
      await action({ query: "  what chart is loaded?  ", conversation_id: "conv-1", chart_context: { symbol: " tsla ", timeframe: "daily", snapshot_id: null, visible_range: null, extra: 1 }, metadata: { a: 1 }, surprise: true })
    ).json();
    expect(body.metadata).toMatchObject({ symbol: "TSLA", timeframe: "1D" });
    expect(body.conversation_id).toBe("conv-1");
  });

  it("pushes the commands to the user's page with user_id", async () => {
    const user = "route-test-user-1";
    const got: CommandEvent[] = [];
    const off = subscribeUser(user, (e) => got.push(e));
    await off.ready;
    const body = await (await action({ query: "add the 50 sma", chart_context: TSLA, user_id: user })).json();
    off();
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ source: "action", commands: body.chart_commands, text: body.text });
  });

  it.each([
    ["no query", {}, "query: required"],
    ["blank query", { query: "   " }, "query: must not be empty"],
    ["query not a string", { query: 42 }, "query: "],
    ["query too long", { query: "x".repeat(4001) }, "query: must be at most 4000 characters"],
    ["unknown timeframe", { query: "hi", chart_context: { symbol: "TSLA", timeframe: "2h" } }, "chart_context.timeframe: expected one of 1m, 5m, 15m, 30m, 1h, 4h, 1D, 1W, 1M"],
    ["missing symbol", { query: "hi", chart_context: { timeframe: "1D" } }, "chart_context.symbol: required"],
    ["bad symbol", { query: "hi", chart_context: { symbol: "not a symbol!", timeframe: "1D" } }, "chart_context.symbol: expected a ticker"],
    ["reversed range", { query: "hi", chart_context: { symbol: "TSLA", timeframe: "1D", visible_range: { from: 10, to: 5 } } }, "chart_context.visible_range.from: "],
    ["long conversation id", { query: "hi", conversation_id: "c".repeat(129) }, "conversation_id: "],
    ["metadata not an object", { query: "hi", metadata: [] }, "metadata: "],
    ["array body", [1, 2], "body: expected a JSON object"],
    ["malformed JSON", "{not json", "body: malformed JSON"],
    ["empty body", "", "body: expected a JSON object"],
  ])("400: %s", async (_label, body, start) => {
    await expectError(await action(body), 400, "invalid_request", start as string);
  });

  it("counts code points, not UTF-16 units", async () => {
    const res = await action({ query: "📈".repeat(4000), chart_context: TSLA });
    expect(res.status).toBe(200);
  });

  it("413 for a body over 64 KiB, declared or streamed", async () => {
    const big = JSON.stringify({ query: "hi", metadata: { pad: "x".repeat(70_000) } });
    await expectError(await action(big), 413, "payload_too_large");
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode(big));
        c.close();
      },
    });
    const req = new Request(`${BASE}/api/chatkit/chart-action`, { method: "POST", body: stream, headers: { "content-type": "application/json" }, duplex: "half" } as RequestInit);
    await expectError(await chartActionRoute.POST(req), 413, "payload_too_large");
  });

  it("405 with allow for other methods", async () => {
    const res = await chartActionRoute.GET(new Request(`${BASE}/api/chatkit/chart-action`));
    expect(res.headers.get("allow")).toBe("POST");
    await expectError(res, 405, "method_not_allowed");
  });

  describe("with CHART_ACTION_SECRET", () => {
    beforeEach(() => setEnv({ CHART_ACTION_SECRET: "s3cret" }));

    it("401 without or with a wrong bearer, 200 with the right one", async () => {
      const none = await action({ query: "hi" });
      expect(none.headers.get("www-authenticate")).toBe("Bearer");
      await expectError(none, 401, "unauthorized");
      await expectError(await action({ query: "hi" }, { authorization: "Bearer nope" }), 401, "unauthorized");
      expect((await action({ query: "hi" }, { authorization: "Bearer s3cret" })).status).toBe(200);
    });

    it("lets our own page in with its cookie", async () => {
      const res = await action({ query: "hi" }, { origin: BASE, cookie: `sid=${newSid()}` });
      expect(res.status).toBe(200);
    });
  });

  it("429 with retry-after past the rate limit", async () => {
    setEnv({ RATE_LIMIT_PER_MIN: "2", CHART_ACTION_SECRET: "rl-secret" });
    const auth = { authorization: "Bearer rl-secret" };
    expect((await action({ query: "hi" }, auth)).status).toBe(200);
    expect((await action({ query: "hi" }, auth)).status).toBe(200);
    const res = await action({ query: "hi" }, auth);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    await expectError(res, 429, "rate_limited");
  });
});

describe("PUT/GET /api/chart-context", () => {
  const put = (body: unknown, sid?: string) =>
    chartContextRoute.PUT(new Request(`${BASE}/api/chart-context`, { method: "PUT", headers: { "content-type": "application/json", ...(sid ? { cookie: `sid=${sid}` } : {}) }, body: JSON.stringify(body) }));
  const get = (sid?: string) => chartContextRoute.GET(new Request(`${BASE}/api/chart-context`, { headers: sid ? { cookie: `sid=${sid}` } : {} }));

  it("stores the page's chart per cookie user", async () => {
    const sid = newSid();
    const res = await put({ chart_context: { symbol: "nvda", timeframe: "4hr", visible_range: { from: 1, to: 2 } }, drawings: [{ id: "sr-s-1.00", type: "horizontal_line", label: "Support 1.00" }], extra: 1 }, sid);
    expect(res.status).toBe(204);
    const body = await (await get(sid)).json();
    expect(body.chart_context).toEqual({ symbol: "NVDA", timeframe: "4h", visible_range: { from: 1, to: 2 } });
    expect(body.drawings).toEqual([{ id: "sr-s-1.00", type: "horizontal_line", label: "Support 1.00" }]);
    expect(Date.parse(body.updated_at)).toBeGreaterThan(0);
    const other = await (await get(newSid())).json();
    expect(other).toEqual({ chart_context: null, drawings: [], updated_at: null });
  });

  it("issues the session cookie when missing", async () => {
    const res = await get();
    expect(res.status).toBe(200);
    expect(res.headers.get("set-cookie")).toMatch(/^sid=[A-Za-z0-9_-]{22}; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax/);
  });

  it.each([
    ["no context", {}, "chart_context: required"],
    ["bad timeframe", { chart_context: { symbol: "TSLA", timeframe: "5h" } }, "chart_context.timeframe: expected one of"],
    ["bad drawing id", { chart_context: TSLA, drawings: [{ id: "bad id!", type: "x" }] }, "drawings[0].id: "],
    ["too many drawings", { chart_context: TSLA, drawings: Array.from({ length: 501 }, (_, i) => ({ id: `d${i}`, type: "marker" })) }, "drawings: "],
  ])("400: %s", async (_label, body, start) => {
    await expectError(await put(body, newSid()), 400, "invalid_request", start as string);
  });

  it("405 for POST", async () => {
    const res = await chartContextRoute.POST(post("/api/chart-context", {}));
    expect(res.headers.get("allow")).toBe("GET, PUT");
    await expectError(res, 405, "method_not_allowed");
  });
});

describe("POST /api/chatkit/webhook", () => {
  it("handles a chart message with the given context and pushes its commands", async () => {
    const user = "webhook-user-1";
    const got: CommandEvent[] = [];
    const off = subscribeUser(user, (e) => got.push(e));
    await off.ready;
    const body = await (await webhook({ message: "draw support and resistance", user_id: user, chart_context: TSLA })).json();
    off();
    expect(body.handled).toBe(true);
    expect(body.response).toMatch(/^TSLA 1D: support at/);
    expect(body.tools_used).toEqual(["support_resistance"]);
    expect(body.commands.length).toBeGreaterThan(0);
    expect(got).toEqual([{ source: "webhook", commands: body.commands, text: body.response }]);
  });

  it("leaves anything else to the caller", async () => {
    const res = await webhook({ message: "tell me a joke", user_id: "u1" });
    expect(await res.json()).toEqual({ handled: false, response: null, commands: [], tools_used: [] });
  });

  it("uses the context the user's page published", async () => {
    const sid = newSid();
    await chartContextRoute.PUT(
      new Request(`${BASE}/api/chart-context`, { method: "PUT", headers: { "content-type": "application/json", cookie: `sid=${sid}` }, body: JSON.stringify({ chart_context: { symbol: "NVDA", timeframe: "1W" } }) }),
    );
    const body = await (await webhook({ message: "what chart is loaded?", user_id: userIdForSid(sid) })).json();
    expect(body.handled).toBe(true);
    expect(body.response).toContain("You're viewing NVDA on the 1W timeframe");
  });

  it("asks which symbol when no context is known", async () => {
    const body = await (await webhook({ message: "draw trendlines", user_id: "nobody-here" })).json();
    expect(body).toEqual({ handled: true, response: expect.stringMatching(/symbol/), commands: [], tools_used: [] });
  });

  it.each([
    ["no user", { message: "hi" }, "user_id: required"],
    ["no message", { user_id: "u" }, "message: required"],
    ["empty message", { message: "", user_id: "u" }, "message: must not be empty"],
    ["empty user", { message: "hi", user_id: "" }, "user_id: "],
    ["long thread id", { message: "hi", user_id: "u", thread_id: "t".repeat(129) }, "thread_id: "],
    ["range timeframe", { message: "hi", user_id: "u", chart_context: { symbol: "TSLA", timeframe: "1y" } }, "chart_context.timeframe: expected one of"],
  ])("400: %s", async (_label, body, start) => {
    await expectError(await webhook(body), 400, "invalid_request", start as string);
  });

  it("401 without the bearer when a secret is set", async () => {
    setEnv({ CHART_ACTION_SECRET: "s3cret" });
    await expectError(await webhook({ message: "hi", user_id: "u" }), 401, "unauthorized");
  });
});

describe("GET /api/chatkit/openapi.json", () => {
  const getDoc = async (headers: Record<string, string> = {}) => {
    const res = await openapiRoute.GET(new Request(`${BASE}/api/chatkit/openapi.json`, { headers }));
    expect(res.status).toBe(200);
    return (await res.json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  };

  it("is a valid OpenAPI 3.1 document with both operations", async () => {
    const doc = await getDoc();
    expect(doc.openapi).toBe("3.1.0");
    expect(validateOpenApi(doc)).toBe("valid");
    expect(doc.paths["/api/chatkit/chart-action"].post.operationId).toBe("chart_control");
    expect(doc.paths["/api/chatkit/webhook"].post.operationId).toBe("chatkit_webhook");
    expect(doc.components.securitySchemes.bearerAuth).toEqual(expect.objectContaining({ type: "http", scheme: "bearer" }));
    expect(doc.components.schemas.ChartActionRequest.required).toEqual(["query"]);
    expect(doc.components.schemas.WebhookRequest.required.sort()).toEqual(["message", "user_id"]);
    expect(JSON.stringify(doc)).not.toContain('"additionalProperties":false');
    expect(doc.components.schemas.ChartActionRequest.examples[0].query).toBe("draw support and resistance");
  });

  it("addresses the server the caller used, or PUBLIC_BASE_URL", async () => {
    expect((await getDoc()).servers[0].url).toBe(BASE);
    expect((await getDoc({ "x-forwarded-proto": "https", "x-forwarded-host": "charts.example.com" })).servers[0].url).toBe("https://charts.example.com");
    setEnv({ PUBLIC_BASE_URL: "https://public.example.org/" });
    expect((await getDoc({ "x-forwarded-host": "ignored.example.com" })).servers[0].url).toBe("https://public.example.org");
  });

  it("405 for POST", async () => {
    await expectError(await openapiRoute.POST(post("/api/chatkit/openapi.json", {})), 405, "method_not_allowed");
  });
});
