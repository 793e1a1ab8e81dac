import { ChartCommandListSchema, type ChartCommand } from "@/lib/commands/schema";
import { runAgent } from "@/lib/orchestrator/agent";
import { runToolOnChart } from "@/lib/orchestrator/tool-on-chart";
import type { AgentEvent } from "@/lib/orchestrator/types";
import { restoreTestEnv, setTestEnv } from "@/tests/support/test-env";

/** A card's "Same on 1h / 1W": one registry tool on another chart, called directly, over demo data. */

beforeEach(() => setTestEnv());
afterAll(restoreTestEnv);

const page = (symbol: string, timeframe: "1D" | "1h" | "1W" = "1D") => ({ symbol, timeframe, snapshot_id: undefined, visible_range: { from: 0, to: 2_000_000_000 } });
const drawings = (commands: readonly ChartCommand[]) => commands.filter((c) => c.type !== "set_timeframe" && c.type !== "load_symbol");

describe("runToolOnChart", () => {
  it("switches the timeframe first, then draws what the same tool draws on that timeframe", async () => {
    const events: AgentEvent[] = [];
    const answer = await runToolOnChart({ tool: "support_resistance", symbol: "TSLA", timeframe: "1h", context: page("TSLA"), onEvent: (e) => events.push(e) });

    expect(answer.chart_commands[0]).toEqual({ type: "set_timeframe", timeframe: "1h" });
    // The page hears of the switch before any drawing: the switch is its own first batch.
    const batches = events.flatMap((e) => (e.type === "commands" ? [e.commands] : []));
    expect(batches[0]).toEqual([{ type: "set_timeframe", timeframe: "1h" }]);
    expect(answer.tools_used).toEqual(["set_timeframe", "support_resistance"]);
    expect(answer.text).toMatch(/^Switched TSLA to the 1h timeframe\. TSLA 1h: support at \d/);
    expect(answer.metadata).toMatchObject({ symbol: "TSLA", timeframe: "1h", engine: "rules", data_source: "demo" });
    expect(answer.chart_intent).toBe(true);
    expect(answer.widget).toMatchObject({ kind: "levels", tool: "support_resistance", symbol: "TSLA", timeframe: "1h" });
    expect(ChartCommandListSchema.safeParse(answer.chart_commands).success).toBe(true);
    // The text streamed too, and whole.
    expect(events.flatMap((e) => (e.type === "text_delta" ? [e.delta] : [])).join("")).toBe(answer.text);

    // The same drawings as asking for them on a 1h chart.
    const asked = await runAgent({ query: "draw support and resistance", context: page("TSLA", "1h") });
    expect(drawings(answer.chart_commands)).toEqual(asked.chart_commands);
    expect(answer.widget!.rows).toEqual(asked.widget!.rows);
  });

  it("loads another symbol first, on the asked timeframe", async () => {
    const answer = await runToolOnChart({ tool: "detect_patterns", symbol: "NVDA", timeframe: "1W", context: page("TSLA") });
    expect(answer.chart_commands[0]).toEqual({ type: "load_symbol", symbol: "NVDA", timeframe: "1W" });
    expect(answer.tools_used).toEqual(["load_symbol", "detect_patterns"]);
    expect(answer.text).toMatch(/^Loaded NVDA on the 1W timeframe\. NVDA 1W/);
    expect(answer.metadata).toMatchObject({ symbol: "NVDA", timeframe: "1W" });
  });

  it("runs on the page's symbol when none is named, and moves nothing when already there", async () => {
    const answer = await runToolOnChart({ tool: "fibonacci", timeframe: "1h", context: page("AAPL", "1h") });
    expect(answer.tools_used).toEqual(["fibonacci"]);
    expect(answer.chart_commands.map((c) => c.type)).toEqual(["fibonacci"]);
    expect(answer.text).toMatch(/^AAPL 1h/);
  });

  it("asks which symbol when neither the action nor the page names one", async () => {
    const answer = await runToolOnChart({ tool: "trendlines", timeframe: "1W", context: null });
    expect(answer.text).toMatch(/symbol/);
    expect(answer.chart_commands).toEqual([]);
    expect(answer.tools_used).toEqual([]);
  });

  it("stops when the caller goes away", async () => {
    const stop = new AbortController();
    stop.abort(new Error("client left"));
    await expect(runToolOnChart({ tool: "trendlines", symbol: "TSLA", timeframe: "1h", context: page("TSLA"), signal: stop.signal })).rejects.toThrow("client left");
  });
});
