import "server-only";
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { readJson } from "@/lib/http/body";
import { webRequest, type ApiRequest } from "@/lib/http/request";
import { log } from "@/lib/log/logger";

/**
 * One Streamable HTTP exchange, stateless: a fresh server and transport per request (the SDK
 * refuses to reuse a stateless transport), JSON answers instead of an SSE stream for POST.
 */
export async function handleMcpRequest(req: ApiRequest, createServer: () => McpServer): Promise<Response> {
  // The contract's size and JSON checks come first, as on every other route.
  const parsedBody = req.method === "POST" ? await readJson(req) : undefined;
  const rejected = rejectNonObjectArguments(parsedBody);
  if (rejected) return rejected;
  const server = createServer();
  const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
  transport.onerror = (err) => log.warn("mcp transport error", { error: err.message });
  const close = () => {
    void server.close().catch(() => undefined);
  };
  await server.connect(transport);
  try {
    const res = await transport.handleRequest(webRequest(req), parsedBody === undefined ? undefined : { parsedBody });
    // A GET opens the standalone event stream, which lives until the client leaves; the rest
    // are complete here.
    if (req.method === "GET" && res.status === 200 && res.body) {
      req.signal.addEventListener("abort", close, { once: true });
      return primed(res);
    }
    close();
    return res;
  } catch (err) {
    close();
    throw err;
  }
}

/**
 * The server sends a response's headers with its first body chunk, and a stateless server's
 * standalone stream carries nothing until its keep-alive: open it with an SSE comment so the
 * client sees the stream at once.
 */
function primed(res: Response): Response {
  const opening = new TextEncoder().encode(": open\n\n");
  const body = res.body!.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      start(controller) {
        controller.enqueue(opening);
      },
    }),
  );
  return new Response(body, { status: res.status, headers: res.headers });
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * The SDK checks `tools/call` params before any tool sees them and answers non-object
 * `arguments` with a JSON-RPC internal error (-32603); the contract wants bad arguments as a
 * tool result with `isError: true`, so a single call with such arguments is answered here.
 */
function rejectNonObjectArguments(body: unknown): Response | null {
  if (!isPlainObject(body) || body.method !== "tools/call" || !("id" in body)) return null;
  const params = body.params;
  if (!isPlainObject(params) || params.arguments === undefined || isPlainObject(params.arguments)) return null;
  const tool = typeof params.name === "string" ? params.name : "the tool";
  const text = `Invalid arguments for tool ${tool}: expected an object, received ${Array.isArray(params.arguments) ? "an array" : params.arguments === null ? "null" : typeof params.arguments}`;
  return Response.json({ jsonrpc: "2.0", id: body.id, result: { content: [{ type: "text", text }], isError: true } });
}
