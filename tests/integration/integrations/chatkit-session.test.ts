import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { POST, GET } from "@/app/api/chatkit/session/route";
import { resetServerEnv } from "@/lib/config/env";
import { userIdForSid } from "@/lib/users/session";

/** Plays OpenAI's `POST /v1/chatkit/sessions`; each test sets how it answers. */
interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: unknown;
}
let reply: (res: ServerResponse, seen: Seen) => void;
const seen: Seen[] = [];
let upstream: Server;
let base: string;

beforeAll(async () => {
  upstream = createServer((req, res) => {
    let raw = "";
    req.on("data", (d: Buffer) => (raw += d.toString()));
    req.on("end", () => {
      const s: Seen = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: raw ? JSON.parse(raw) : null };
      seen.push(s);
      reply(res, s);
    });
  });
  await new Promise<void>((r) => upstream.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
});

afterAll(async () => {
  upstream.closeAllConnections();
  await new Promise((r) => upstream.close(r));
});

const ORIGINAL_ENV = { ...process.env };
const SID = "AAAAAAAAAAAAAAAAAAAAAA";

function setEnv(vars: Record<string, string | undefined>) {
  process.env = { ...ORIGINAL_ENV, LOG_SILENT: "1", SESSION_SECRET: "test-session-secret", RATE_LIMIT_PER_MIN: "0", ...vars };
  resetServerEnv();
}

function configured(extra: Record<string, string> = {}) {
  setEnv({ OPENAI_API_KEY: "sk-test", CHATKIT_WORKFLOW_ID: "wf_123", CHATKIT_API_BASE: base, ...extra });
}

function call(body: unknown, headers: Record<string, string> = {}) {
  return POST(
    new Request("http://localhost:3000/api/chatkit/session", {
      method: "POST",
      headers: { "content-type": "application/json", cookie: `sid=${SID}`, origin: "http://localhost:3000", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
  );
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
};

beforeEach(() => {
  seen.length = 0;
});

afterEach(() => {
  process.env = { ...ORIGINAL_ENV };
  resetServerEnv();
});

describe("POST /api/chatkit/session", () => {
  it("mints a secret for the workflow and the cookie user with the beta header", async () => {
    configured();
    reply = (res) => json(res, 200, { id: "cksess_1", client_secret: "ek_abc", expires_at: 1_900_000_000, workflow: { id: "wf_123" } });
    const res = await call({});
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ client_secret: "ek_abc", expires_at: 1_900_000_000 });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.method).toBe("POST");
    expect(seen[0]!.url).toBe("/v1/chatkit/sessions");
    expect(seen[0]!.headers.authorization).toBe("Bearer sk-test");
    expect(seen[0]!.headers["openai-beta"]).toBe("chatkit_beta=v1");
    expect(seen[0]!.body).toEqual({ workflow: { id: "wf_123" }, user: userIdForSid(SID) });
    expect(JSON.stringify(seen[0]!.body)).not.toContain(SID);
  });

  it("mints a new secret on refresh", async () => {
    configured();
    let n = 0;
    reply = (res) => json(res, 200, { client_secret: `ek_${++n}`, expires_at: 1_900_000_000 + n });
    const first = await (await call({})).json();
    const second = await (await call({ current_client_secret: first.client_secret })).json();
    expect(second.client_secret).not.toBe(first.client_secret);
    expect(seen).toHaveLength(2);
  });

  it("is 503 not_configured without a workflow id or key", async () => {
    setEnv({ OPENAI_API_KEY: "sk-test", CHATKIT_WORKFLOW_ID: "", CHATKIT_API_BASE: base });
    const res = await call({});
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ success: false, code: "not_configured" });
    expect(seen).toHaveLength(0);
  });

  it("passes an upstream 429 on as 429 with retry-after", async () => {
    configured();
    reply = (res) => json(res, 429, { error: { message: "slow down" } }, { "retry-after": "7" });
    const res = await call({});
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("7");
    expect(await res.json()).toMatchObject({ code: "rate_limited" });
  });

  it("maps upstream errors and odd answers to 502", async () => {
    configured();
    for (const r of [
      (res: ServerResponse) => json(res, 500, { error: { message: "boom" } }),
      (res: ServerResponse) => json(res, 401, { error: { message: "bad key" } }),
      (res: ServerResponse) => json(res, 200, { expires_at: 1 }),
      (res: ServerResponse) => {
        res.writeHead(200, { "content-type": "text/html" });
        res.end("<html>");
      },
    ]) {
      reply = r;
      const res = await call({});
      expect(res.status).toBe(502);
      const body = await res.json();
      expect(body).toMatchObject({ success: false, code: "upstream_unavailable" });
      expect(JSON.stringify(body)).not.toContain("sk-test");
    }
  });

  it("maps an unreachable upstream to 502 and a slow one to 504", async () => {
    configured({ CHATKIT_API_BASE: "http://127.0.0.1:1" });
    expect((await call({})).status).toBe(502);
    configured({ OPENAI_TIMEOUT_MS: "200" });
    reply = (res) => setTimeout(() => json(res, 200, { client_secret: "late", expires_at: 1 }), 1000);
    const res = await call({});
    expect(res.status).toBe(504);
    expect(await res.json()).toMatchObject({ code: "upstream_unavailable" });
  });

  it("rejects bad bodies, foreign origins and other methods", async () => {
    configured();
    reply = (res) => json(res, 200, { client_secret: "ek", expires_at: 1 });
    expect((await call("{oops")).status).toBe(400);
    const bad = await call({ current_client_secret: 5 });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/^current_client_secret:/);
    expect((await call({}, { origin: "https://evil.example" })).status).toBe(403);
    const get = await GET(new Request("http://localhost:3000/api/chatkit/session"));
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
    expect(seen).toHaveLength(0);
  });
});
