import { chartContextHeaderValue, withChartContext } from "@/components/chat/chart-context-fetch";
import { ChartContextSchema, type ChartContext } from "@/lib/market/values";

const TSLA: ChartContext = { symbol: "TSLA", timeframe: "1D", snapshot_id: "snap-1", visible_range: { from: 1700000000, to: 1710000000 } };

describe("withChartContext", () => {
  it("adds the chart on screen, read at call time, as x-chart-context", async () => {
    let context: ChartContext | null = TSLA;
    const seen: (string | null)[] = [];
    const base: typeof fetch = async (_input, init) => {
      seen.push(new Headers(init?.headers).get("x-chart-context"));
      return new Response(null, { status: 204 });
    };
    const wrapped = withChartContext(base, () => context);
    await wrapped("/api/chatkit", { method: "POST", headers: { "content-type": "application/json" } });
    context = { symbol: "NVDA", timeframe: "1h", snapshot_id: undefined, visible_range: undefined };
    await wrapped("/api/chatkit", { method: "POST" });
    context = null;
    await wrapped("/api/chatkit", { method: "POST" });

    expect(ChartContextSchema.parse(JSON.parse(seen[0] ?? ""))).toEqual(TSLA);
    expect(JSON.parse(seen[1] ?? "")).toEqual({ symbol: "NVDA", timeframe: "1h" });
    expect(seen[2]).toBeNull();
  });

  it("keeps the caller's other headers", async () => {
    let contentType: string | null = null;
    const base: typeof fetch = async (_input, init) => {
      contentType = new Headers(init?.headers).get("content-type");
      return new Response(null, { status: 204 });
    };
    await withChartContext(base, () => TSLA)("/x", { headers: { "content-type": "application/json" } });
    expect(contentType).toBe("application/json");
  });
});

describe("chartContextHeaderValue", () => {
  it("escapes non-Latin-1 characters so the header is valid and parses back to the same context", () => {
    const context: ChartContext = { symbol: "TSLA", timeframe: "1D", snapshot_id: "schnappschuss-€-日本", visible_range: undefined };
    const value = chartContextHeaderValue(context);
    expect(value).not.toBeNull();
    expect(/^[\x20-\x7e]*$/.test(value ?? "")).toBe(true);
    expect(() => new Headers({ "x-chart-context": value ?? "" })).not.toThrow();
    expect(JSON.parse(value ?? "")).toEqual(context);
  });

  it("leaves out a context over 2 KiB, which the server would ignore", () => {
    expect(chartContextHeaderValue({ symbol: "TSLA", timeframe: "1D", snapshot_id: "€".repeat(128) + "x".repeat(1500), visible_range: undefined })).toBeNull();
  });
});
