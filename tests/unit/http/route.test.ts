import { resetServerEnv } from "@/lib/config/env";
import { AppError } from "@/lib/http/errors";
import { defineRoute } from "@/lib/http/route";

const ORIGINAL_ENV = { ...process.env };

function setEnv(vars: Record<string, string | undefined>) {
  process.env = { ...ORIGINAL_ENV, LOG_SILENT: "1", DATA_DIR: "/tmp/chart-route-test", ...vars };
  resetServerEnv();
}

afterEach(() => {
  process.env = { ...ORIGINAL_ENV };
  resetServerEnv();
});

const ok = async () => Response.json({ ok: true });

describe("defineRoute", () => {
  it("answers unserved methods with the contract's 405, allow header and error body", async () => {
    setEnv({});
    const { PUT } = defineRoute("/api/x", { GET: ok, POST: ok }, { access: "public" });
    const res = await PUT(new Request("http://localhost/api/x", { method: "PUT" }));
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, POST");
    expect(await res.json()).toMatchObject({ success: false, code: "method_not_allowed" });
  });

  it("requires the bearer secret for server routes when it is configured", async () => {
    setEnv({ CHART_ACTION_SECRET: "s3cret", RATE_LIMIT_PER_MIN: "0" });
    const { POST } = defineRoute("/api/x", { POST: ok }, { access: "server" });
    const missing = await POST(new Request("http://localhost/api/x", { method: "POST" }));
    expect(missing.status).toBe(401);
    expect(missing.headers.get("www-authenticate")).toBe("Bearer");
    const wrong = await POST(new Request("http://localhost/api/x", { method: "POST", headers: { authorization: "Bearer nope" } }));
    expect(wrong.status).toBe(401);
    const right = await POST(new Request("http://localhost/api/x", { method: "POST", headers: { authorization: "Bearer s3cret" } }));
    expect(right.status).toBe(200);
  });

  it("lets our own page in without a bearer: same Origin and a session cookie", async () => {
    setEnv({ CHART_ACTION_SECRET: "s3cret", RATE_LIMIT_PER_MIN: "0" });
    const { POST } = defineRoute("/api/x", { POST: ok }, { access: "server" });
    const headers = { origin: "http://localhost:3000", host: "localhost:3000", cookie: "sid=AAAAAAAAAAAAAAAAAAAAAA" };
    const res = await POST(new Request("http://localhost:3000/api/x", { method: "POST", headers }));
    expect(res.status).toBe(200);
    const foreign = await POST(new Request("http://localhost:3000/api/x", { method: "POST", headers: { ...headers, origin: "https://evil.example" } }));
    expect(foreign.status).toBe(401);
  });

  it("rate limits per client with 429 and a whole-second retry-after", async () => {
    setEnv({ RATE_LIMIT_PER_MIN: "3" });
    const { GET } = defineRoute("/api/limited", { GET: ok }, { access: "public" });
    const req = () => new Request("http://localhost/api/limited", { headers: { "x-forwarded-for": "203.0.113.7" } });
    for (let i = 0; i < 3; i++) expect((await GET(req())).status).toBe(200);
    const limited = await GET(req());
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await limited.json()).toMatchObject({ code: "rate_limited" });
    const other = await GET(new Request("http://localhost/api/limited", { headers: { "x-forwarded-for": "203.0.113.8" } }));
    expect(other.status).toBe(200);
  });

  it("does not let a made-up bearer per request buy a fresh rate limit", async () => {
    setEnv({ RATE_LIMIT_PER_MIN: "2", CHART_ACTION_SECRET: "s3cret" });
    const { GET } = defineRoute("/api/open", { GET: ok }, { access: "public" });
    const req = (i: number) =>
      new Request("http://localhost/api/open", { headers: { "x-forwarded-for": "203.0.113.9", authorization: `Bearer made-up-${i}` } });
    expect((await GET(req(1))).status).toBe(200);
    expect((await GET(req(2))).status).toBe(200);
    expect((await GET(req(3))).status).toBe(429);
  });

  it("issues the sid cookie once and keeps a valid one", async () => {
    setEnv({ RATE_LIMIT_PER_MIN: "0" });
    const { GET } = defineRoute("/api/x", { GET: ok }, { access: "cookie" });
    const first = await GET(new Request("http://localhost/api/x"));
    const cookie = first.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^sid=[A-Za-z0-9_-]{22}; Path=\/; Max-Age=31536000; HttpOnly; SameSite=Lax$/);
    const again = await GET(new Request("http://localhost/api/x", { headers: { cookie: cookie.split(";")[0]! } }));
    expect(again.headers.get("set-cookie")).toBeNull();
  });

  it("maps thrown errors to the contract body and hides unexpected ones", async () => {
    setEnv({ RATE_LIMIT_PER_MIN: "0" });
    const { GET, POST } = defineRoute(
      "/api/x",
      {
        GET: () => {
          throw new AppError("not_found", "thread thr_1 not found");
        },
        POST: () => {
          throw new Error("database password is hunter2");
        },
      },
      { access: "public" },
    );
    const nf = await GET(new Request("http://localhost/api/x"));
    expect(nf.status).toBe(404);
    expect(await nf.json()).toEqual({ success: false, code: "not_found", error: "thread thr_1 not found", text: "I couldn't find that." });
    const boom = await POST(new Request("http://localhost/api/x", { method: "POST" }));
    expect(boom.status).toBe(500);
    const text = await boom.text();
    expect(text).not.toContain("hunter2");
    expect(JSON.parse(text)).toMatchObject({ success: false, code: "internal" });
  });

  it("writes one JSON log line per request with route, status and ms", async () => {
    setEnv({ RATE_LIMIT_PER_MIN: "0" });
    delete process.env.LOG_SILENT;
    const lines: string[] = [];
    const spy = jest.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    const { GET } = defineRoute("/api/logged", { GET: ok }, { access: "public" });
    await GET(new Request("http://localhost/api/logged"));
    spy.mockRestore();
    const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((e) => e.route === "/api/logged");
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ route: "/api/logged", method: "GET", status: 200 });
    expect(typeof entries[0]!.ms).toBe("number");
  });
});
