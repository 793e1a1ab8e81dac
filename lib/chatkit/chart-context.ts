import "server-only";
import { contextStore } from "@/lib/context-store";
import type { ApiRequest } from "@/lib/http/request";
import { log } from "@/lib/log/logger";
import { ChartContextSchema, type ChartContext } from "@/lib/market/values";
import { CHART_CONTEXT_HEADER, CHART_CONTEXT_HEADER_MAX_BYTES } from "./protocol";

/** The `x-chart-context` header's ChartContext; null when absent, too long or invalid. */
export function chartContextFromHeader(req: ApiRequest): ChartContext | null {
  const raw = req.headers.get(CHART_CONTEXT_HEADER);
  if (!raw || Buffer.byteLength(raw) > CHART_CONTEXT_HEADER_MAX_BYTES) return null;
  try {
    const parsed = ChartContextSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The contract's order: the header, else what the user's page last published, else none. */
export async function resolveChartContext(req: ApiRequest, userId: string): Promise<ChartContext | null> {
  const fromHeader = chartContextFromHeader(req);
  if (fromHeader) return fromHeader;
  try {
    return (await contextStore().get(userId))?.chart_context ?? null;
  } catch (err) {
    // Without a stored context the agent asks which symbol: better than failing the chat.
    log.warn("chatkit: stored chart context unavailable", { error: err instanceof Error ? err.message : String(err) });
    return null;
  }
}
