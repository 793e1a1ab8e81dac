import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { z } from "zod";
import { AppError } from "@/lib/http/errors";
import { createMcpServer, type McpBackend } from "@/lib/mcp/server";

async function clientFor(backend: McpBackend): Promise<Client> {
  const server = createMcpServer(backend);
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: "unit", version: "1.0.0" });
  await client.connect(clientSide);
  return client;
}

const schema = z.object({ query: z.string().min(1) });

describe("createMcpServer", () => {
  it("returns the backend's answer as text content and structured content", async () => {
    const client = await clientFor({
      chartControlSchema: schema,
      chartControl: async () => ({ text: "Loaded AAPL.", chart_commands: [{ type: "load_symbol", symbol: "AAPL" }], tools_used: ["load_symbol"] }),
    });
    const res = await client.callTool({ name: "chart_control", arguments: { query: "load AAPL" } });
    expect(res).toMatchObject({
      content: [{ type: "text", text: "Loaded AAPL." }],
      structuredContent: { text: "Loaded AAPL.", chart_commands: [{ type: "load_symbol", symbol: "AAPL" }], tools_used: ["load_symbol"] },
    });
    expect(res.isError).toBeFalsy();
    await client.close();
  });

  it("turns a failing backend into a tool error without leaking internals", async () => {
    const client = await clientFor({
      chartControlSchema: schema,
      chartControl: async () => {
        throw new Error("ECONNREFUSED 10.0.0.7:6379 secret-host");
      },
    });
    const res = await client.callTool({ name: "chart_control", arguments: { query: "levels" } });
    expect(res.isError).toBe(true);
    const text = (res.content as { text: string }[])[0]!.text;
    expect(text).toBe("chart_control failed unexpectedly; please try again.");
    await client.close();
  });

  it("passes an expected failure's message on", async () => {
    const client = await clientFor({
      chartControlSchema: schema,
      chartControl: async () => {
        throw new AppError("upstream_unavailable", "Market data for TSLA is unavailable right now");
      },
    });
    const res = await client.callTool({ name: "chart_control", arguments: { query: "levels" } });
    expect(res).toMatchObject({ isError: true, content: [{ type: "text", text: "Market data for TSLA is unavailable right now" }] });
    await client.close();
  });
});
