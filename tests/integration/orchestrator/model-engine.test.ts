import { resetServerEnv } from "@/lib/config/env";
import { resetMarketService } from "@/lib/market/service";
import { runAgent } from "@/lib/orchestrator/agent";
import { MAX_TOOL_ROUNDS } from "@/lib/orchestrator/model/engine";
import type { AgentEvent } from "@/lib/orchestrator/types";
import { startFakeOpenAI, type FakeOpenAI } from "../../support/fake-openai";

/** The model engine against a real HTTP server speaking the Responses API, through the real `openai` client. */

const TSLA = { symbol: "TSLA", timeframe: "1D" as const, snapshot_id: undefined, visible_range: undefined };
let fake: FakeOpenAI;
const saved = { ...process.env };

beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.reset();
  process.env = { ...saved, OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: fake.url, OPENAI_MODEL: "test-model", OPENAI_TIMEOUT_MS: "3000", MARKET_DATA_PROVIDER: "demo" };
  delete process.env.REDIS_URL;
  resetServerEnv();
  resetMarketService();
});
afterEach(() => {
  process.env = { ...saved };
  resetServerEnv();
});

function collect(): { events: AgentEvent[]; onEvent: (e: AgentEvent) => void } {
  const events: AgentEvent[] = [];
  return { events, onEvent: (e) => events.push(e) };
}

type InputItem = { type?: string; role?: string; content?: unknown; call_id?: string; output?: string; name?: string };
const inputOf = (i: number) => (fake.requests[i]!.body!.input as InputItem[]) ?? [];

describe("model engine", () => {
  it("sends the chart context, today's date and the registry's tools, then draws from the tool call", async () => {
    fake.enqueue(
      { type: "tool_calls", calls: [{ name: "support_resistance", arguments: { role: "both" }, call_id: "call_1" }] },
      { type: "text", text: "Support and resistance are drawn on TSLA.", chunks: 4 },
    );
    const { events, onEvent } = collect();
    const answer = await runAgent({ query: "draw support and resistance", context: TSLA, onEvent });

    expect(answer.metadata.engine).toBe("llm");
    expect(answer.text).toBe("Support and resistance are drawn on TSLA.");
    expect(answer.tools_used).toEqual(["support_resistance"]);
    expect(answer.chart_commands.some((c) => c.type === "horizontal_line")).toBe(true);
    expect(answer.metadata).toMatchObject({ symbol: "TSLA", timeframe: "1D", data_source: "demo" });
    expect(answer.widget?.kind).toBe("levels");

    const first = fake.requests[0]!;
    expect(first.headers.authorization).toBe("Bearer sk-test");
    expect(first.body!.model).toBe("test-model");
    expect(first.body!.stream).toBe(true);
    const instructions = String(first.body!.instructions);
    expect(instructions).toContain("TSLA");
    expect(instructions).toContain("1D");
    expect(instructions).toContain(new Date().toISOString().slice(0, 10));
    const tools = first.body!.tools as { name: string; parameters: { properties?: Record<string, unknown> } }[];
    expect(tools.map((t) => t.name).sort()).toEqual(
      ["add_indicator", "candlestick_patterns", "clear_drawings", "detect_patterns", "fibonacci", "get_chart_context", "load_symbol", "market_summary", "set_timeframe", "support_resistance", "trendlines"].sort(),
    );
    expect(Object.keys(tools.find((t) => t.name === "support_resistance")!.parameters.properties!)).toEqual(expect.arrayContaining(["symbol", "timeframe", "role"]));

    // The tool's facts went back to the model as the call's output.
    const output = inputOf(1).find((i) => i.type === "function_call_output");
    expect(output?.call_id).toBe("call_1");
    expect(JSON.parse(output!.output!)).toMatchObject({ tool: "support_resistance", symbol: "TSLA", timeframe: "1D" });

    // Progress before the commands, commands before the text, and the streamed deltas are the text.
    const kinds = events.map((e) => e.type);
    expect(kinds.indexOf("progress")).toBeLessThan(kinds.indexOf("commands"));
    expect(kinds.indexOf("commands")).toBeLessThan(kinds.indexOf("text_delta"));
    const deltas = events.filter((e): e is Extract<AgentEvent, { type: "text_delta" }> => e.type === "text_delta");
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.map((d) => d.delta).join("")).toBe(answer.text);
  });

  it("returns bad arguments to the model as an error, and the model's retry draws", async () => {
    fake.enqueue(
      { type: "tool_calls", calls: [{ name: "add_indicator", arguments: { indicators: [{ name: "sma", period: -5 }] }, call_id: "bad_1" }] },
      { type: "tool_calls", calls: [{ name: "add_indicator", arguments: "{not json", call_id: "bad_2" }] },
      { type: "tool_calls", calls: [{ name: "no_such_tool", arguments: {}, call_id: "bad_3" }] },
      { type: "tool_calls", calls: [{ name: "add_indicator", arguments: { indicators: [{ name: "sma", period: 50 }, { name: "sma", period: 200 }] }, call_id: "ok_1" }] },
      { type: "text", text: "Added the 50 and 200 SMA." },
    );
    const answer = await runAgent({ query: "add the 50 and 200 sma", context: TSLA });
    expect(answer.metadata.engine).toBe("llm");
    const errorOf = (req: number, id: string) => JSON.parse(inputOf(req).find((i) => i.call_id === id && i.type === "function_call_output")!.output!);
    expect(errorOf(1, "bad_1").error).toMatch(/^indicators\[0\]\.period: /);
    expect(errorOf(2, "bad_2").error).toMatch(/not valid JSON/);
    expect(errorOf(3, "bad_3").error).toMatch(/unknown tool no_such_tool/);
    expect(answer.chart_commands.filter((c) => c.type === "indicator").map((c) => ("id" in c ? c.id : ""))).toEqual(["ind-sma-50", "ind-sma-200"]);
    expect(answer.tools_used).toEqual(["add_indicator"]);
  });

  it("loads another symbol before drawing on it", async () => {
    fake.enqueue({ type: "tool_calls", calls: [{ name: "trendlines", arguments: { symbol: "nvda" } }] }, { type: "text", text: "Trendlines on NVDA." });
    const answer = await runAgent({ query: "trendlines on nvidia", context: TSLA });
    expect(answer.chart_commands[0]).toEqual({ type: "load_symbol", symbol: "NVDA", timeframe: "1D" });
    expect(answer.metadata.symbol).toBe("NVDA");
  });

  it("stops the tool loop after a bounded number of rounds and asks for text without tools", async () => {
    for (let i = 0; i < MAX_TOOL_ROUNDS; i++) fake.enqueue({ type: "tool_calls", calls: [{ name: "get_chart_context", arguments: {} }] });
    fake.enqueue({ type: "text", text: "You're viewing TSLA." });
    const answer = await runAgent({ query: "what chart is this", context: TSLA });
    expect(answer.text).toBe("You're viewing TSLA.");
    expect(fake.requests).toHaveLength(MAX_TOOL_ROUNDS + 1);
    expect(fake.requests.at(-1)!.body!.tool_choice).toBe("none");
    expect(fake.requests[0]!.body!.tool_choice).toBe("auto");
  });

  it("answers in words from the tool facts when the model writes nothing", async () => {
    fake.enqueue({ type: "tool_calls", calls: [{ name: "get_chart_context", arguments: {} }] }, { type: "text", text: "" });
    const answer = await runAgent({ query: "what chart is loaded?", context: TSLA });
    expect(answer.metadata.engine).toBe("llm");
    expect(answer.text).toContain("You're viewing TSLA on the 1D timeframe");
  });

  it.each([
    ["a 500", { type: "error", status: 500 } as const, "upstream_error"],
    ["a 503", { type: "error", status: 503, message: "overloaded" } as const, "upstream_error"],
    ["a 429", { type: "error", status: 429, headers: { "retry-after": "20" } } as const, "rate_limited"],
    ["an error event mid-stream", { type: "stream_error", text: "Partial", message: "boom" } as const, "upstream_error"],
  ])("falls back to the rules engine on %s", async (_name, reply, reason) => {
    fake.enqueue(reply);
    const { events, onEvent } = collect();
    const answer = await runAgent({ query: "draw support and resistance", context: TSLA, onEvent });
    expect(answer.metadata.engine).toBe("rules");
    expect(answer.metadata.fallback_reason).toBe(reason);
    expect(answer.tools_used).toEqual(["support_resistance"]);
    expect(answer.text).toMatch(/^TSLA 1D: support at/);
    expect(events.some((e) => e.type === "notice" && e.level === "warning")).toBe(true);
    expect(fake.requests).toHaveLength(1);
  });

  it("answers through the rules engine within the timeout when the model is slow", async () => {
    process.env.OPENAI_TIMEOUT_MS = "400";
    resetServerEnv();
    fake.enqueue({ type: "text", text: "too late", delayMs: 5000 });
    const started = Date.now();
    const answer = await runAgent({ query: "draw support and resistance", context: TSLA });
    const elapsed = Date.now() - started;
    expect(answer.metadata.engine).toBe("rules");
    expect(answer.metadata.fallback_reason).toBe("timeout");
    expect(answer.chart_commands.length).toBeGreaterThan(0);
    expect(elapsed).toBeGreaterThanOrEqual(380);
    expect(elapsed).toBeLessThan(1500);
  });

  it("times out a stream that stalls after it started", async () => {
    process.env.OPENAI_TIMEOUT_MS = "400";
    resetServerEnv();
    fake.enqueue({ type: "text", text: "slow words arriving", chunks: 6, chunkDelayMs: 300 });
    const answer = await runAgent({ query: "what chart is loaded?", context: TSLA });
    expect(answer.metadata).toMatchObject({ engine: "rules", fallback_reason: "timeout" });
    expect(answer.text).toContain("You're viewing TSLA on the 1D timeframe");
  });

  it("uses the rules engine without asking the model when told to", async () => {
    const answer = await runAgent({ query: "draw support and resistance", context: TSLA, engine: "rules" });
    expect(answer.metadata.engine).toBe("rules");
    expect(answer.metadata.fallback_reason).toBeUndefined();
    expect(fake.requests).toHaveLength(0);
  });

  it("stops when the caller aborts", async () => {
    fake.enqueue({ type: "hang" });
    const ac = new AbortController();
    const pending = runAgent({ query: "draw support and resistance", context: TSLA, signal: ac.signal });
    setTimeout(() => ac.abort(new Error("client went away")), 100);
    await expect(pending).rejects.toThrow("client went away");
  });
});
