import { z } from "zod";
import { functionTools } from "@/lib/orchestrator/model/tool-schemas";
import { indicatorCommand } from "@/lib/orchestrator/tools/add-indicator";
import { parseToolCall, TOOLS } from "@/lib/orchestrator/tools/registry";
import { ensureChart } from "@/lib/orchestrator/tools/chart";
import { createToolContext, ToolError } from "@/lib/orchestrator/tools/types";
import { TOOL_NAMES } from "@/lib/orchestrator/types";
import { IndicatorCommandSchema } from "@/lib/commands/schema";

describe("tool registry", () => {
  it("has exactly the contract's tools", () => {
    expect(Object.keys(TOOLS).sort()).toEqual([...TOOL_NAMES].sort());
    for (const name of TOOL_NAMES) expect(TOOLS[name].name).toBe(name);
  });

  it("gives the model input JSON Schemas from the zod schemas", () => {
    const tools = functionTools();
    expect(tools.map((t) => t.name)).toEqual([...TOOL_NAMES]);
    for (const t of tools) {
      expect(t.parameters).toMatchObject({ type: "object" });
      expect(t.parameters).not.toHaveProperty("$schema");
      expect(JSON.stringify(t.parameters)).not.toContain('"additionalProperties":false');
      expect(t.description!.length).toBeGreaterThan(20);
    }
    const add = tools.find((t) => t.name === "add_indicator")!;
    expect((add.parameters as { required?: string[] }).required).toEqual(["indicators"]);
    expect(z.toJSONSchema(TOOLS.load_symbol.args, { io: "input" })).toMatchObject({ required: ["symbol"] });
  });

  it.each([
    ["support_resistance", { role: "sideways" }, /^role: /],
    ["support_resistance", { timeframe: "2h" }, /^timeframe: expected one of 1m, 5m/],
    ["add_indicator", {}, /^indicators: required/],
    ["add_indicator", { indicators: [] }, /^indicators: /],
    ["add_indicator", { indicators: [{ name: "stoch" }] }, /^indicators\[0\]\.name: /],
    ["load_symbol", { symbol: "not a ticker" }, /^symbol: expected a ticker/],
    ["set_timeframe", {}, /^timeframe: required/],
    ["clear_drawings", { scope: "everything" }, /^scope: /],
    ["detect_patterns", { names: ["cup_and_handle"] }, /^names\[0\]: /],
    ["nope", {}, /^unknown tool nope$/],
  ])("rejects bad arguments for %s %j with the field named", (name, args, message) => {
    const call = parseToolCall(name, args);
    expect(call.ok).toBe(false);
    if (!call.ok) expect(call.error).toMatch(message);
  });

  it("reads null as absent and normalises aliases", () => {
    const call = parseToolCall("support_resistance", { symbol: " tsla ", timeframe: "daily", role: null, max_levels: null });
    expect(call).toMatchObject({ ok: true, args: { symbol: "TSLA", timeframe: "1D" } });
  });
});

describe("indicator commands", () => {
  it.each([
    [{ name: "sma" as const, period: 50 }, "ind-sma-50"],
    [{ name: "sma" as const }, "ind-sma-20"],
    [{ name: "ema" as const, period: 200 }, "ind-ema-200"],
    [{ name: "rsi" as const }, "ind-rsi-14"],
    [{ name: "bollinger" as const, stddev: 2.5 }, "ind-bollinger-20-2.5"],
    [{ name: "macd" as const }, "ind-macd-12-26-9"],
    [{ name: "vwap" as const }, "ind-vwap"],
  ])("%j → %s, a valid contract command", (spec, id) => {
    const cmd = indicatorCommand(spec);
    expect(cmd.id).toBe(id);
    expect(IndicatorCommandSchema.safeParse(cmd).success).toBe(true);
  });
});

describe("ensureChart", () => {
  const page = { symbol: "TSLA", timeframe: "1D" as const };

  it("emits nothing for the chart on screen", () => {
    const ctx = createToolContext({ context: page });
    expect(ensureChart(ctx, undefined, undefined).commands).toEqual([]);
    expect(ensureChart(ctx, "TSLA", "1D").commands).toEqual([]);
  });

  it("loads another symbol with its timeframe, then stays on it", () => {
    const ctx = createToolContext({ context: page });
    expect(ensureChart(ctx, "NVDA", undefined).commands).toEqual([{ type: "load_symbol", symbol: "NVDA", timeframe: "1D" }]);
    expect(ensureChart(ctx, undefined, undefined)).toEqual({ chart: { symbol: "NVDA", timeframe: "1D" }, commands: [] });
    expect(ensureChart(ctx, undefined, "4h").commands).toEqual([{ type: "set_timeframe", timeframe: "4h" }]);
  });

  it("needs a symbol when no chart is known", () => {
    const ctx = createToolContext({ context: null });
    expect(() => ensureChart(ctx, undefined, undefined)).toThrow(ToolError);
    expect(ensureChart(ctx, "AAPL", undefined).commands).toEqual([{ type: "load_symbol", symbol: "AAPL", timeframe: "1D" }]);
  });
});
