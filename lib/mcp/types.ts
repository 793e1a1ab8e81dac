import type { ChartCommand } from "@/lib/commands/schema";

/** Every MCP tool's `structuredContent` (and the chart action's core fields). */
export interface McpAnswer {
  text: string;
  chart_commands: ChartCommand[];
  tools_used: string[];
}
