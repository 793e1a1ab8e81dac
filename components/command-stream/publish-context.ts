import type { ChartContext } from "@/lib/market/values";

/** The contract's `PUT /api/chart-context` limits: 500 drawings, labels of 80 characters. */
const MAX_DRAWINGS = 500;
const MAX_LABEL = 80;

export interface PublishableState {
  chartContext(): ChartContext;
  drawingsSummary(): { id: string; type: string; label?: string }[];
}

/** The body the page publishes so server-side paths (webhook, MCP) know what the user sees. */
export function contextPutBody(state: PublishableState): string {
  const drawings = state
    .drawingsSummary()
    .slice(0, MAX_DRAWINGS)
    .map((d) => (d.label === undefined ? { id: d.id, type: d.type } : { id: d.id, type: d.type, label: d.label.slice(0, MAX_LABEL) }));
  return JSON.stringify({ chart_context: state.chartContext(), drawings });
}
