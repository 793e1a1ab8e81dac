import { parseClientEffect, removeDrawingId } from "@/components/chat/chart-effects";

describe("parseClientEffect", () => {
  it("passes the commands of a chart_commands effect through for the store to check one by one", () => {
    const commands = [{ type: "horizontal_line", id: "sr-s-212.40", price: 212.4, role: "support", label: "Support 212.40" }, "SUPPORT:200"];
    expect(parseClientEffect("chart_commands", { commands })).toEqual({ kind: "chart_commands", commands });
  });

  it("rejects a chart_commands effect without a command list, naming the field", () => {
    const result = parseClientEffect("chart_commands", { command: [] });
    expect(result.kind).toBe("invalid");
    expect(result.kind === "invalid" && result.error).toMatch(/commands/);
    expect(parseClientEffect("chart_commands", { commands: "CLEAR" }).kind).toBe("invalid");
    expect(parseClientEffect("chart_commands", null).kind).toBe("invalid");
  });

  it("rejects a batch over the contract's 500 commands", () => {
    const commands = Array.from({ length: 501 }, () => ({ type: "clear" }));
    expect(parseClientEffect("chart_commands", { commands }).kind).toBe("invalid");
  });

  it("ignores effects that are not ours", () => {
    expect(parseClientEffect("confetti", { commands: [] })).toEqual({ kind: "ignored", name: "confetti" });
  });
});

describe("removeDrawingId", () => {
  it("reads the id of a chart.remove_drawing action", () => {
    expect(removeDrawingId({ type: "chart.remove_drawing", payload: { id: "sr-r-251.90" } })).toBe("sr-r-251.90");
  });

  it("refuses other actions and ids outside the drawing-id pattern", () => {
    expect(removeDrawingId({ type: "chart.analyze", payload: { id: "x" } })).toBeNull();
    expect(removeDrawingId({ type: "chart.remove_drawing", payload: { id: "<script>" } })).toBeNull();
    expect(removeDrawingId({ type: "chart.remove_drawing" })).toBeNull();
  });
});
