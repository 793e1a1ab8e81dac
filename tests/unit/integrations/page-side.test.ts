import { createChartStore } from "@/components/chart/chart-store";
import { contextPutBody } from "@/components/command-stream/publish-context";
import { describeArrival, parseStreamData } from "@/components/command-stream/stream-message";

describe("parseStreamData", () => {
  it("reads the contract's chart_commands events", () => {
    const raw = JSON.stringify({ type: "chart_commands", commands: [{ type: "clear", scope: "all" }], source: "webhook", text: "Cleared." });
    expect(parseStreamData(raw)).toEqual({ type: "chart_commands", commands: [{ type: "clear", scope: "all" }], source: "webhook", text: "Cleared." });
  });

  it("rejects anything else", () => {
    for (const raw of ["", "{", "null", '{"type":"other","commands":[],"source":"mcp"}', '{"type":"chart_commands","commands":[],"source":"email"}', '{"type":"chart_commands","commands":{},"source":"mcp"}']) {
      expect(parseStreamData(raw)).toBeNull();
    }
    const tooMany = JSON.stringify({ type: "chart_commands", commands: Array.from({ length: 501 }, () => ({ type: "clear" })), source: "mcp" });
    expect(parseStreamData(tooMany)).toBeNull();
  });
});

describe("describeArrival", () => {
  it("says where the commands came from and what happened to them", () => {
    expect(describeArrival({ source: "mcp", applied: ["a", "b"], rejected: [] })).toBe("Chart updated by an MCP agent: 2 commands applied.");
    expect(describeArrival({ source: "webhook", applied: ["a"], rejected: [{ index: 1, error: "x" }] })).toBe("Chart updated by the webhook: 1 command applied, 1 rejected.");
    expect(describeArrival({ source: "action", applied: [], rejected: [] })).toBe("Chart updated by the chart action: 0 commands applied.");
  });
});

describe("contextPutBody", () => {
  it("publishes the store's context and drawings within the contract's limits", () => {
    const store = createChartStore({ symbol: "TSLA", timeframe: "1D" });
    store.getState().setVisibleRange({ from: 100, to: 200 });
    const markers = Array.from({ length: 520 }, (_, i) => ({ type: "marker", id: `m${i}`, time: 150, position: "above", shape: "circle" }));
    store.getState().applyCommands([{ type: "horizontal_line", id: "s1", price: 10, role: "support", label: "S".repeat(80) }, ...markers.slice(0, 300)]);
    store.getState().applyCommands(markers.slice(300));
    expect(store.getState().drawingsSummary().length).toBe(521);
    const body = JSON.parse(contextPutBody(store.getState()));
    expect(body.chart_context).toEqual({ symbol: "TSLA", timeframe: "1D", snapshot_id: store.getState().snapshotId, visible_range: { from: 100, to: 200 } });
    expect(body.drawings).toHaveLength(500);
    for (const d of body.drawings) expect((d.label ?? "").length).toBeLessThanOrEqual(80);
  });
});
