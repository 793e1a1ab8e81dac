import { CHART_CONTEXT_HEADER, CHART_CONTEXT_HEADER_MAX_BYTES } from "@/lib/chatkit/protocol";
import type { ChartContext } from "@/lib/market/values";

/**
 * The header value for a chart context, or null when it would be too large. Non-ASCII
 * characters (possible only in `snapshot_id`) are written as JSON `\u` escapes, because header
 * values must be Latin-1 and `fetch` throws on anything else.
 */
export function chartContextHeaderValue(context: ChartContext): string | null {
  const json = JSON.stringify(context).replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  return json.length <= CHART_CONTEXT_HEADER_MAX_BYTES ? json : null;
}

/**
 * A `fetch` that adds the chart on screen to every request, read at call time so each message
 * carries the chart the user is looking at when they send it. Used as ChatKit's `api.fetch` and
 * by the built-in panel's protocol client.
 */
export function withChartContext(
  baseFetch: typeof fetch,
  getContext: () => ChartContext | null,
): typeof fetch {
  return (input, init) => {
    const context = getContext();
    const value = context ? chartContextHeaderValue(context) : null;
    if (value === null) return baseFetch(input, init);
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    headers.set(CHART_CONTEXT_HEADER, value);
    return baseFetch(input, { ...init, headers });
  };
}
