import { defineRoute, type RequestContext } from "@/lib/http/route";
import { handleMcpRequest } from "@/lib/mcp/handler";
import { createMcpServer } from "@/lib/mcp/server";
import { defaultMcpBackend } from "@/lib/mcp/backend";

export const dynamic = "force-dynamic";

const handle = ({ req }: RequestContext) => handleMcpRequest(req, () => createMcpServer(defaultMcpBackend()));

/** MCP over Streamable HTTP (stateless) for agents: the chart action and the analysis tools. */
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute("/api/mcp", { POST: handle, GET: handle, DELETE: handle }, { access: "server" });
