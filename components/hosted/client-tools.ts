import { z } from "zod";
import { MAX_COMMANDS_PER_BATCH } from "@/lib/commands/schema";
import { describeZodError } from "@/lib/http/zod-error";
import { readError } from "@/components/http/read-error";

/**
 * The client tools a hosted Agent Builder workflow calls through ChatKit's `onClientTool`
 * (CONTRACT.md "Client tools"). Every call is validated; a bad one returns `{error}` to the
 * workflow and never throws, since a throw would stall the hosted conversation.
 */

export interface ToolChartContext {
  symbol: string;
  timeframe: string;
  snapshot_id?: string | null;
  visible_range?: { from: number; to: number } | null;
}

export interface ToolDrawing {
  id: string;
  type: string;
  label?: string;
}

export interface ApplyReport {
  applied: string[];
  rejected: { index: number; error: string }[];
}

/** What the tools need from the page's chart store state. */
export interface ClientToolTarget {
  chartContext(): ToolChartContext;
  drawingsSummary(): ToolDrawing[];
  applyCommands(input: unknown[]): ApplyReport;
}

/** The page's chart store (`useChartStoreApi()`), or anything with the same state methods. */
export interface ClientToolStore {
  getState(): ClientToolTarget;
}

export interface ClientToolDeps {
  fetch?: typeof fetch;
  /** Base for the chart action's URL; the page's own origin by default. */
  baseUrl?: string;
}

export const CLIENT_TOOL_NAMES = ["get_chart_context", "apply_chart_commands", "chart_control"] as const;
export type ClientToolName = (typeof CLIENT_TOOL_NAMES)[number];

export type ClientToolResult = Record<string, unknown>;

const ChartActionAnswerSchema = z.object({ text: z.string(), chart_commands: z.array(z.unknown()) });

function getChartContext(target: ClientToolTarget): ClientToolResult {
  const ctx = target.chartContext();
  return {
    symbol: ctx.symbol,
    timeframe: ctx.timeframe,
    snapshot_id: ctx.snapshot_id ?? null,
    visible_range: ctx.visible_range ?? null,
    drawings: target.drawingsSummary().map((d) => (d.label === undefined ? { id: d.id, type: d.type } : { id: d.id, type: d.type, label: d.label })),
  };
}

async function chartControl(query: string, target: ClientToolTarget, deps: ClientToolDeps): Promise<ClientToolResult> {
  const doFetch = deps.fetch ?? fetch;
  const url = `${deps.baseUrl ?? ""}/api/chatkit/chart-action`;
  const ctx = target.chartContext();
  let res: Response;
  try {
    res = await doFetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      credentials: "same-origin",
      body: JSON.stringify({
        query,
        chart_context: {
          symbol: ctx.symbol,
          timeframe: ctx.timeframe,
          ...(ctx.snapshot_id ? { snapshot_id: ctx.snapshot_id } : {}),
          ...(ctx.visible_range ? { visible_range: ctx.visible_range } : {}),
        },
      }),
    });
  } catch (err) {
    return { error: `chart action unreachable: ${err instanceof Error ? err.message : String(err)}` };
  }
  if (!res.ok) return { error: (await readError(res, `chart action failed with HTTP ${res.status}`)).text };
  const answer = ChartActionAnswerSchema.safeParse(await res.json().catch(() => null));
  if (!answer.success) return { error: "chart action answered an unexpected shape" };
  const report = target.applyCommands(answer.data.chart_commands);
  return { text: answer.data.text, applied: report.applied, rejected: report.rejected };
}

type ToolRunner = (params: unknown, target: ClientToolTarget, deps: ClientToolDeps) => Promise<ClientToolResult>;

/** Binds a params schema to its handler, so each handler sees its own validated params. */
function tool<S extends z.ZodType>(name: ClientToolName, schema: S, run: (params: z.output<S>, target: ClientToolTarget, deps: ClientToolDeps) => ClientToolResult | Promise<ClientToolResult>): ToolRunner {
  return async (params, target, deps) => {
    const parsed = schema.safeParse(params ?? {});
    if (!parsed.success) return { error: `${name}: ${describeZodError(parsed.error)}` };
    return run(parsed.data, target, deps);
  };
}

const TOOLS: Record<ClientToolName, ToolRunner> = {
  get_chart_context: tool("get_chart_context", z.object({}), (_params, target) => getChartContext(target)),
  apply_chart_commands: tool("apply_chart_commands", z.object({ commands: z.array(z.unknown()).max(MAX_COMMANDS_PER_BATCH) }), ({ commands }, target) => {
    const report = target.applyCommands(commands);
    return { applied: report.applied, rejected: report.rejected };
  }),
  chart_control: tool("chart_control", z.object({ query: z.string().trim().min(1).max(4000) }), ({ query }, target, deps) => chartControl(query, target, deps)),
};

function isToolName(name: string): name is ClientToolName {
  return (CLIENT_TOOL_NAMES as readonly string[]).includes(name);
}

/** Answers one client-tool call; the result goes back to the workflow as the tool output. */
export async function handleClientTool(call: { name: string; params?: unknown }, store: ClientToolStore, deps: ClientToolDeps = {}): Promise<ClientToolResult> {
  if (!isToolName(call.name)) {
    return { error: `unknown client tool "${String(call.name)}"; expected one of ${CLIENT_TOOL_NAMES.join(", ")}` };
  }
  try {
    return await TOOLS[call.name](call.params, store.getState(), deps);
  } catch (err) {
    return { error: `${call.name} failed: ${err instanceof Error ? err.message : String(err)}` };
  }
}
