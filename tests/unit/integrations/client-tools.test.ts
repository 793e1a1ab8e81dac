import { createChartStore } from "@/components/chart/chart-store";
import { handleClientTool } from "@/components/hosted/client-tools";
import { getClientSecret } from "@/components/hosted/get-client-secret";

const support = { type: "horizontal_line", id: "sr-s-212.40", price: 212.4, role: "support", label: "Support 212.40" };

function fakeFetch(answer: { status: number; body: unknown } | Error) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fn = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    if (answer instanceof Error) throw answer;
    return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { "content-type": "application/json" } });
  }) as unknown as typeof fetch;
  return { fn, calls };
}

describe("hosted client tools against the chart store", () => {
  it("get_chart_context reports symbol, timeframe, snapshot id, visible range and drawings", async () => {
    const store = createChartStore({ symbol: "TSLA", timeframe: "1D" });
    store.getState().setVisibleRange({ from: 1_700_000_000, to: 1_710_000_000 });
    store.getState().applyCommands([support]);
    const out = await handleClientTool({ name: "get_chart_context", params: {} }, store);
    expect(out).toEqual({
      symbol: "TSLA",
      timeframe: "1D",
      snapshot_id: store.getState().snapshotId,
      visible_range: { from: 1_700_000_000, to: 1_710_000_000 },
      drawings: [expect.objectContaining({ id: "sr-s-212.40", type: "horizontal_line" })],
    });
  });

  it("apply_chart_commands applies valid commands and legacy strings and reports the rest", async () => {
    const store = createChartStore({ symbol: "TSLA", timeframe: "1D" });
    const out = await handleClientTool({ name: "apply_chart_commands", params: { commands: [support, "RESISTANCE:250", { type: "horizontal_line", id: "x" }] } }, store);
    expect(out.applied).toEqual(["sr-s-212.40", "legacy-resistance-250"]);
    expect(out.rejected).toEqual([{ index: 2, error: expect.any(String) }]);
    expect(store.getState().drawingsSummary().map((d) => d.id).sort()).toEqual(["legacy-resistance-250", "sr-s-212.40"]);
  });

  it("chart_control posts the query with the page's context and applies the answer", async () => {
    const store = createChartStore({ symbol: "AAPL", timeframe: "1h" });
    const { fn, calls } = fakeFetch({ status: 200, body: { success: true, text: "AAPL 1h: support at 212.40", chart_commands: [support], tools_used: ["support_resistance"] } });
    const out = await handleClientTool({ name: "chart_control", params: { query: "draw support" } }, store, { fetch: fn });
    expect(out).toEqual({ text: "AAPL 1h: support at 212.40", applied: ["sr-s-212.40"], rejected: [] });
    expect(calls[0]!.url).toBe("/api/chatkit/chart-action");
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual({
      query: "draw support",
      chart_context: { symbol: "AAPL", timeframe: "1h", snapshot_id: store.getState().snapshotId },
    });
    expect(store.getState().drawingsSummary()).toHaveLength(1);
  });

  it("returns {error} for bad calls and failures, never throwing", async () => {
    const store = createChartStore({ symbol: "TSLA", timeframe: "1D" });
    const cases: [{ name: string; params?: unknown }, RegExp][] = [
      [{ name: "nope", params: {} }, /unknown client tool/],
      [{ name: "apply_chart_commands", params: { commands: "CLEAR" } }, /^apply_chart_commands: commands/],
      [{ name: "apply_chart_commands", params: null }, /^apply_chart_commands: commands/],
      [{ name: "apply_chart_commands", params: { commands: Array.from({ length: 501 }, () => support) } }, /commands/],
      [{ name: "chart_control", params: { query: "   " } }, /^chart_control: query/],
      [{ name: "chart_control", params: { query: 3 } }, /^chart_control: query/],
    ];
    for (const [call, pattern] of cases) {
      const out = await handleClientTool(call, store);
      expect(out).toEqual({ error: expect.stringMatching(pattern) });
    }
    const down = fakeFetch(new TypeError("fetch failed"));
    expect(await handleClientTool({ name: "chart_control", params: { query: "draw" } }, store, { fetch: down.fn })).toEqual({ error: expect.stringContaining("unreachable") });
    const limited = fakeFetch({ status: 429, body: { success: false, code: "rate_limited", error: "x", text: "Too many requests" } });
    expect(await handleClientTool({ name: "chart_control", params: { query: "draw" } }, store, { fetch: limited.fn })).toEqual({ error: "Too many requests" });
    const odd = fakeFetch({ status: 200, body: { nothing: true } });
    expect(await handleClientTool({ name: "chart_control", params: { query: "draw" } }, store, { fetch: odd.fn })).toEqual({ error: expect.stringContaining("unexpected") });
    expect(store.getState().drawingsSummary()).toHaveLength(0);
  });
});

describe("getClientSecret", () => {
  it("asks the session route and returns the secret, sending the current one on refresh", async () => {
    const { fn, calls } = fakeFetch({ status: 200, body: { client_secret: "ek_1", expires_at: 1 } });
    await expect(getClientSecret(null, { fetch: fn })).resolves.toBe("ek_1");
    await expect(getClientSecret("ek_0", { fetch: fn })).resolves.toBe("ek_1");
    expect(calls.map((c) => [c.url, JSON.parse(String(c.init.body))])).toEqual([
      ["/api/chatkit/session", {}],
      ["/api/chatkit/session", { current_client_secret: "ek_0" }],
    ]);
  });

  it("rejects with the server's code when minting fails", async () => {
    const { fn } = fakeFetch({ status: 503, body: { success: false, code: "not_configured", error: "hosted ChatKit needs …", text: "…" } });
    await expect(getClientSecret(null, { fetch: fn })).rejects.toThrow(/^not_configured/);
  });
});
