import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { DELETE, GET, POST, PUT } from "@/app/api/mcp/route";
import { subscribeUser, type CommandEvent } from "@/lib/command-bus/bus";
import { resetServerEnv } from "@/lib/config/env";
import { contextStore } from "@/lib/context-store";

/**
 * The MCP route in process, driven by the SDK's own client: the fetch it uses calls the route
 * handlers directly, so auth, limits and the transport are the real ones.
 */
const ORIGINAL_ENV = { ...process.env };
const SECRET = "mcp-test-secret";
const URL_ = "http://localhost:3000/api/mcp";

const routeFetch = (async (input: string | URL | Request, init?: RequestInit) => {
  const req = new Request(input, init);
  const handler = { GET, POST, DELETE, PUT }[req.method as "GET" | "POST" | "DELETE" | "PUT"];
  return handler(req);
}) as typeof fetch;

async function connect(token: string | null = SECRET): Promise<Client> {
  const client = new Client({ name: "mcp-route-test", version: "1.0.0" });
  const transport = new StreamableHTTPClientTransport(new URL(URL_), {
    fetch: routeFetch,
    requestInit: token ? { headers: { authorization: `Bearer ${token}` } } : {},
  });
  await client.connect(transport);
  return client;
}

interface Structured {
  text: string;
  chart_commands: { type: string; id?: string; symbol?: string }[];
  tools_used: string[];
}

let client: Client;

beforeAll(async () => {
  process.env = {
    ...ORIGINAL_ENV,
    LOG_SILENT: "1",
    CHART_ACTION_SECRET: SECRET,
    MARKET_DATA_PROVIDER: "demo",
    RATE_LIMIT_PER_MIN: "0",
    OPENAI_API_KEY: "",
    REDIS_URL: "",
    SESSION_SECRET: "s",
  };
  resetServerEnv();
  client = await connect();
});

afterAll(async () => {
  await client.close();
  process.env = { ...ORIGINAL_ENV };
  resetServerEnv();
});

describe("/api/mcp", () => {
  it("lists chart_control and the analysis tools with JSON Schemas from the zod schemas", async () => {
    const { tools } = await client.listTools();
    const names = tools.map((t) => t.name).sort();
    expect(names).toEqual(["candlestick_patterns", "chart_control", "detect_patterns", "fibonacci", "market_summary", "support_resistance", "trendlines"]);
    const chart = tools.find((t) => t.name === "chart_control")!;
    expect(chart.inputSchema.required).toEqual(["query"]);
    expect(Object.keys(chart.inputSchema.properties ?? {}).sort()).toEqual(["chart_context", "query", "user_id"]);
    const sr = tools.find((t) => t.name === "support_resistance")!;
    expect([...(sr.inputSchema.required ?? [])].sort()).toEqual(["symbol", "timeframe"]);
    expect(sr.outputSchema?.properties).toHaveProperty("chart_commands");
  });

  it("chart_control with a context answers with text and commands", async () => {
    const res = await client.callTool({ name: "chart_control", arguments: { query: "draw support and resistance", chart_context: { symbol: "TSLA", timeframe: "1D" } } });
    expect(res.isError).toBeFalsy();
    const s = res.structuredContent as unknown as Structured;
    expect((res.content as { type: string; text: string }[])[0]!.text).toBe(s.text);
    expect(s.tools_used).toContain("support_resistance");
    expect(s.chart_commands.some((c) => c.type === "horizontal_line")).toBe(true);
    expect(s.text).toMatch(/TSLA/);
  });

  it("chart_control without any context asks which symbol", async () => {
    const res = await client.callTool({ name: "chart_control", arguments: { query: "draw support and resistance" } });
    expect(res.isError).toBeFalsy();
    const s = res.structuredContent as unknown as Structured;
    expect(s.text).toMatch(/symbol/);
    expect(s.chart_commands).toEqual([]);
  });

  it("chart_control with user_id uses the stored context and pushes the commands to that user's page as mcp", async () => {
    const userId = "mcpTestUser0000000000A";
    await contextStore().put(userId, { symbol: "AAPL", timeframe: "1h", snapshot_id: undefined, visible_range: undefined }, []);
    const got: CommandEvent[] = [];
    const off = subscribeUser(userId, (e) => got.push(e));
    await off.ready;
    const res = await client.callTool({ name: "chart_control", arguments: { query: "draw support and resistance", user_id: userId } });
    off();
    const s = res.structuredContent as unknown as Structured;
    expect(s.text).toMatch(/AAPL/);
    expect(s.chart_commands.length).toBeGreaterThan(0);
    expect(got).toHaveLength(1);
    expect(got[0]!.source).toBe("mcp");
    expect(got[0]!.commands).toEqual(s.chart_commands);
    expect(got[0]!.text).toBe(s.text);
  });

  it("an analysis tool analyses the named chart", async () => {
    const res = await client.callTool({ name: "fibonacci", arguments: { symbol: "msft", timeframe: "daily" } });
    expect(res.isError).toBeFalsy();
    const s = res.structuredContent as unknown as Structured;
    expect(s.tools_used).toEqual(["fibonacci"]);
    expect(s.chart_commands.some((c) => c.type === "fibonacci")).toBe(true);
    const summary = await client.callTool({ name: "market_summary", arguments: { symbol: "TSLA", timeframe: "1D" } });
    expect((summary.structuredContent as unknown as Structured).text).toMatch(/TSLA/);
  });

  it("bad arguments come back as tool errors, not HTTP errors", async () => {
    const cases = [
      { name: "chart_control", arguments: {} },
      { name: "chart_control", arguments: { query: "   " } },
      { name: "chart_control", arguments: { query: "levels", chart_context: { symbol: "TSLA", timeframe: "7m" } } },
      { name: "support_resistance", arguments: { symbol: "TSLA" } },
      { name: "trendlines", arguments: { symbol: "not a ticker!", timeframe: "1D" } },
      { name: "no_such_tool", arguments: {} },
    ];
    for (const c of cases) {
      const res = await client.callTool(c);
      expect(res.isError).toBe(true);
      expect((res.content as { text: string }[])[0]!.text.length).toBeGreaterThan(0);
    }
  });

  it("refuses a caller without the bearer, and a wrong one, with 401", async () => {
    await expect(connect(null)).rejects.toMatchObject({ code: 401, message: expect.stringContaining("unauthorized") });
    await expect(connect("wrong")).rejects.toMatchObject({ code: 401, message: expect.stringContaining("invalid bearer token") });
    const res = await POST(new Request(URL_, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }));
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe("Bearer");
    expect(await res.json()).toMatchObject({ success: false, code: "unauthorized" });
  });

  it("answers GET with the stateless standalone event stream, open at once, and DELETE with 200", async () => {
    const abort = new AbortController();
    const res = await GET(new Request(URL_, { headers: { authorization: `Bearer ${SECRET}`, accept: "text/event-stream" }, signal: abort.signal }));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe(": open\n\n");
    abort.abort();
    await reader.cancel();
    const del = await DELETE(new Request(URL_, { method: "DELETE", headers: { authorization: `Bearer ${SECRET}` } }));
    expect(del.status).toBe(200);
  });

  it("answers PUT with 405 and a body over 64 KiB with 413", async () => {
    const put = await PUT(new Request(URL_, { method: "PUT", headers: { authorization: `Bearer ${SECRET}` } }));
    expect(put.status).toBe(405);
    expect(put.headers.get("allow")).toBe("GET, POST, DELETE");
    const big = await POST(
      new Request(URL_, {
        method: "POST",
        headers: { authorization: `Bearer ${SECRET}`, "content-type": "application/json", accept: "application/json, text/event-stream" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list", params: { pad: "x".repeat(70_000) } }),
      }),
    );
    expect(big.status).toBe(413);
  });
});
