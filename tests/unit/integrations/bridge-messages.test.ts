import { bridgeOrigins, handleBridgeMessage, MAX_BRIDGE_MESSAGE_BYTES, type BridgeTarget } from "@/components/bridge/bridge-messages";

const OWN = "https://app.example.com";
const FRAME = "https://chat.example.com";
const allowed = bridgeOrigins(OWN, [FRAME]);

function target() {
  const applied: unknown[][] = [];
  const warnings: string[] = [];
  const t: BridgeTarget = {
    chartContext: () => ({ symbol: "TSLA", timeframe: "1D", snapshot_id: null }),
    applyCommands: (input) => {
      applied.push(input);
      const rejected = input.flatMap((c, index) => (typeof c === "object" && c !== null && "id" in c ? [] : [{ index, error: "not a command" }]));
      return { applied: input.flatMap((c) => (typeof c === "object" && c !== null && "id" in c ? [String((c as { id: unknown }).id)] : [])), rejected };
    },
    warn: (m) => void warnings.push(m),
  };
  return { t, applied, warnings };
}

const line = (id: string) => ({ type: "horizontal_line", id, price: 100, role: "support", label: "Support 100" });

describe("bridgeOrigins", () => {
  it("is the page's own origin plus the configured ones, never null", () => {
    expect([...bridgeOrigins(OWN, [FRAME, "null", FRAME])]).toEqual([OWN, FRAME]);
  });
});

describe("handleBridgeMessage", () => {
  it("answers a context request from an allowed origin with symbol, timeframe and snapshot id", () => {
    const { t } = target();
    expect(handleBridgeMessage({ origin: FRAME, data: { type: "chatkit_request_context" } }, allowed, t)).toEqual({
      type: "chart_context",
      data: { symbol: "TSLA", timeframe: "1D", snapshot_id: null },
    });
    expect(handleBridgeMessage({ origin: OWN, data: { type: "chatkit_request_context" } }, allowed, t)?.type).toBe("chart_context");
  });

  it("ignores other origins, including null and a look-alike", () => {
    const { t, applied } = target();
    for (const origin of ["https://evil.example", "null", "https://chat.example.com.evil.example", "http://chat.example.com"]) {
      expect(handleBridgeMessage({ origin, data: { type: "chatkit_request_context" } }, allowed, t)).toBeNull();
      expect(handleBridgeMessage({ origin, data: { type: "chatkit_chart_commands", commands: [line("a")] } }, allowed, t)).toBeNull();
    }
    expect(applied).toHaveLength(0);
  });

  it("applies commands and reports applied and rejected ones, warning about the rejected", () => {
    const { t, applied, warnings } = target();
    const reply = handleBridgeMessage({ origin: FRAME, data: { type: "chatkit_chart_commands", commands: [line("s1"), 42] } }, allowed, t);
    expect(reply).toEqual({ type: "chart_commands_result", applied: ["s1"], rejected: [{ index: 1, error: "not a command" }] });
    expect(applied).toEqual([[line("s1"), 42]]);
    expect(warnings.some((w) => w.includes("command 1 rejected"))).toBe(true);
  });

  it("ignores every other shape without a reply", () => {
    const { t, applied } = target();
    for (const data of [null, "chatkit_request_context", 7, [], { type: "something_else" }, { type: "chatkit_chart_commands" }, { type: "chatkit_chart_commands", commands: "CLEAR" }]) {
      expect(handleBridgeMessage({ origin: FRAME, data }, allowed, t)).toBeNull();
    }
    expect(applied).toHaveLength(0);
  });

  it("ignores batches over 500 commands and messages over 256 KiB", () => {
    const { t, applied } = target();
    const many = Array.from({ length: 501 }, (_, i) => line(`l${i}`));
    expect(handleBridgeMessage({ origin: FRAME, data: { type: "chatkit_chart_commands", commands: many } }, allowed, t)).toBeNull();
    const big = [{ ...line("big"), label: "x".repeat(MAX_BRIDGE_MESSAGE_BYTES) }];
    expect(handleBridgeMessage({ origin: FRAME, data: { type: "chatkit_chart_commands", commands: big } }, allowed, t)).toBeNull();
    expect(applied).toHaveLength(0);
    const exactly500 = Array.from({ length: 500 }, (_, i) => line(`l${i}`));
    expect(handleBridgeMessage({ origin: FRAME, data: { type: "chatkit_chart_commands", commands: exactly500 } }, allowed, t)?.type).toBe("chart_commands_result");
  });

  it("ignores a message that cannot be serialised", () => {
    const { t } = target();
    const cyclic: Record<string, unknown> = { type: "chatkit_chart_commands", commands: [] };
    (cyclic.commands as unknown[]).push(cyclic);
    expect(handleBridgeMessage({ origin: FRAME, data: cyclic }, allowed, t)).toBeNull();
  });
});
