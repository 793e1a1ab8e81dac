import "server-only";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { log } from "@/lib/log/logger";
import { TOOLS } from "@/lib/orchestrator/tools/registry";
import { analysisInputSchema, MCP_ANALYSIS_TOOLS, McpToolFailure, runAnalysisTool } from "./analysis-tools";
import type { McpAnswer } from "./types";

export const MCP_SERVER_NAME = "chart-assistant";

/** What `chart_control` runs: the chart action, with the stored context and the push to `user_id`. */
export interface McpBackend {
  chartControlSchema: z.ZodObject;
  chartControl(input: unknown, signal?: AbortSignal): Promise<McpAnswer>;
}

/** Declared so clients know `structuredContent`'s shape; commands are the contract's ChartCommand. */
const AnswerOutputSchema = z.object({
  text: z.string(),
  chart_commands: z.array(z.record(z.string(), z.unknown())),
  tools_used: z.array(z.string()),
});

const INSTRUCTIONS =
  "Technical analysis and drawing on a trading chart. chart_control takes a plain-language request " +
  "(\"draw support and resistance on TSLA daily\") and returns the answer plus chart commands; pass user_id " +
  "to draw on that user's open chart page. The other tools analyse one symbol and timeframe each.";

function toResult(answer: McpAnswer): CallToolResult {
  return {
    content: [{ type: "text", text: answer.text }],
    structuredContent: { text: answer.text, chart_commands: answer.chart_commands, tools_used: answer.tools_used },
  };
}

/** Tool failures come back as MCP tool errors the agent can read; never as an HTTP error. */
async function guarded(tool: string, run: () => Promise<McpAnswer>): Promise<CallToolResult> {
  try {
    return toResult(await run());
  } catch (err) {
    const expected = err instanceof McpToolFailure || (err instanceof Error && err.name === "AppError");
    if (!expected) log.error("mcp tool failed", { tool, error: err instanceof Error ? err.message : String(err) });
    const message = expected && err instanceof Error ? err.message : `${tool} failed unexpectedly; please try again.`;
    return { content: [{ type: "text", text: message }], isError: true };
  }
}

/** A server with every tool registered; one per request (stateless Streamable HTTP). */
export function createMcpServer(backend: McpBackend): McpServer {
  const server = new McpServer({ name: MCP_SERVER_NAME, version: process.env.npm_package_version ?? "0.1.0" }, { instructions: INSTRUCTIONS });

  server.registerTool(
    "chart_control",
    {
      title: "Chart control",
      description:
        "Answers a chart request in plain language and returns chart commands (levels, trendlines, patterns, indicators, symbol and timeframe changes). " +
        "Give chart_context for the chart being discussed; with user_id and no chart_context, that user's open chart is used, and the commands are drawn on their page.",
      inputSchema: backend.chartControlSchema,
      outputSchema: AnswerOutputSchema,
      annotations: { readOnlyHint: false, openWorldHint: false },
    },
    (args, extra) => guarded("chart_control", () => backend.chartControl(args, extra.signal)),
  );

  for (const name of MCP_ANALYSIS_TOOLS) {
    server.registerTool(
      name,
      {
        description: `${TOOLS[name].description} Returns the answer text and the chart commands that draw it.`,
        inputSchema: analysisInputSchema(name),
        outputSchema: AnswerOutputSchema,
        annotations: { readOnlyHint: true, openWorldHint: false },
      },
      (args, extra) => guarded(name, () => runAnalysisTool(name, args as { symbol: string; timeframe: string }, extra.signal)),
    );
  }
  return server;
}
