import { GET as contextGET, OPTIONS as contextOPTIONS, PUT as contextPUT } from "@/app/api/chart-context/route";
import { POST as analyzePOST } from "@/app/api/analyze/route";
import { OPTIONS as actionOPTIONS } from "@/app/api/chatkit/chart-action/route";
import { GET as openapiGET } from "@/app/api/chatkit/openapi.json/route";
import { POST as mcpPOST } from "@/app/api/mcp/route";
import { resetServerEnv } from "@/lib/config/env";

/** Contract rules the routes once missed: each case failed before its fix. */
const ORIGINAL_ENV = { ...process.env };
const SID = "0123456789abcdef0123456789ABCDEF";

beforeEach(() => {
  process.env = { ...ORIGINAL_ENV, LOG_SILENT: "1", DATA_DIR: "/tmp/chart-contract-review-test", RATE_LIMIT_PER_MIN: "0", CHART_ACTION_SECRET: "review-secret" };
  resetServerEnv();
});

afterAll(() => {
  process.env = { ...ORIGINAL_ENV };
  resetServerEnv();
});

describe("contract review", () => {
  it("treats a sid cookie with a malformed %-escape as no cookie, not a 500", async () => {
    const res = await contextGET(new Request("http://localhost/api/chart-context", { headers: { cookie: "sid=%E0%A4%A" } }));
    expect(res.status).toBe(200);
    expect(res.headers.get("set-cookie")).toMatch(/^sid=[A-Za-z0-9_-]{22}; Path=\/; Max-Age=31536000; HttpOnly; SameSite=Lax/);
    expect(await res.json()).toEqual({ chart_context: null, drawings: [], updated_at: null });
  });

  it("accepts null for a drawing's optional label (null means absent)", async () => {
    const headers = { cookie: `sid=${SID}`, "content-type": "application/json" };
    const body = { chart_context: { symbol: "tsla", timeframe: "daily" }, drawings: [{ id: "sr-s-1", type: "horizontal_line", label: null }] };
    const put = await contextPUT(new Request("http://localhost/api/chart-context", { method: "PUT", headers, body: JSON.stringify(body) }));
    expect(put.status).toBe(204);
    const got = await (await contextGET(new Request("http://localhost/api/chart-context", { headers }))).json();
    expect(got.chart_context).toEqual({ symbol: "TSLA", timeframe: "1D" });
    expect(got.drawings).toEqual([{ id: "sr-s-1", type: "horizontal_line" }]);
    expect(Number.isNaN(Date.parse(got.updated_at))).toBe(false);
  });

  it("answers OPTIONS with the 405 error body and an allow header naming only the served methods", async () => {
    const res = await actionOPTIONS(new Request("http://localhost/api/chatkit/chart-action", { method: "OPTIONS" }));
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
    expect(await res.json()).toMatchObject({ success: false, code: "method_not_allowed" });
    const ctx = await contextOPTIONS(new Request("http://localhost/api/chart-context", { method: "OPTIONS" }));
    expect(ctx.headers.get("allow")).toBe("GET, PUT");
  });

  it("answers MCP tools/call with non-object arguments as an isError tool result", async () => {
    const call = (args: unknown) =>
      mcpPOST(
        new Request("http://localhost/api/mcp", {
          method: "POST",
          headers: { authorization: "Bearer review-secret", "content-type": "application/json", accept: "application/json, text/event-stream" },
          body: JSON.stringify({ jsonrpc: "2.0", id: 7, method: "tools/call", params: { name: "chart_control", arguments: args } }),
        }),
      );
    for (const args of [[1], "draw support", 5]) {
      const res = await call(args);
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body).toMatchObject({ jsonrpc: "2.0", id: 7, result: { isError: true } });
      expect(body.result.content[0].text).toMatch(/chart_control: expected an object/);
    }
  });

  it("names the field `body` when the whole request has the wrong shape", async () => {
    for (const raw of ["[]", '"candles"', "7"]) {
      const res = await analyzePOST(new Request("http://localhost/api/analyze", { method: "POST", headers: { "content-type": "application/json" }, body: raw }));
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ success: false, code: "invalid_request", error: expect.stringMatching(/^body: /) });
    }
  });

  it("builds servers[0].url only from well-formed forwarded headers", async () => {
    const serverUrl = async (headers: Record<string, string>) =>
      (await (await openapiGET(new Request("http://localhost:3000/api/chatkit/openapi.json", { headers }))).json()).servers[0].url;
    expect(await serverUrl({ "x-forwarded-proto": "https, http", "x-forwarded-host": "Charts.Example.com:8443, proxy" })).toBe("https://charts.example.com:8443");
    expect(await serverUrl({ "x-forwarded-proto": "javascript", "x-forwarded-host": "evil.example/path?x" })).toBe("http://localhost:3000");
  });
});
