import type { CandleColumns, CandlestickHit, ChartPattern } from "@/lib/analysis/types";
import { ChartCommandListSchema } from "@/lib/commands/schema";
import type { ChartSnapshot } from "@/lib/orchestrator/data/snapshot";
import { createExecution, executeCall } from "@/lib/orchestrator/execution";
import { snapshotFor } from "@/lib/orchestrator/tools/chart";
import { randomWalkColumns } from "@/tests/support/generators/random-walk";

/**
 * Pattern and candle tools build each drawing from the very result it reports, so facts, card rows
 * and commands cannot drift apart, and a response never repeats an id.
 */

jest.mock("@/lib/orchestrator/tools/chart", () => {
  const actual = jest.requireActual<typeof import("@/lib/orchestrator/tools/chart")>("@/lib/orchestrator/tools/chart");
  return { ...actual, snapshotFor: jest.fn() };
});

const BARS = 300;
const cols: CandleColumns = randomWalkColumns({ seed: 7, n: BARS });
const t = (i: number) => cols.time[i]!;
const p = (i: number) => cols.close[i]!;

function snapshot(result: { patterns?: ChartPattern[]; candlesticks?: CandlestickHit[] }): ChartSnapshot {
  return {
    symbol: "TSLA",
    timeframe: "1D",
    source: "demo",
    cols,
    lastClose: p(BARS - 1),
    analysis: ((tool: "patterns" | "candlesticks") => result[tool] ?? null) as ChartSnapshot["analysis"],
  };
}

function pattern(name: ChartPattern["name"], idx: number[], over: Partial<ChartPattern> = {}): ChartPattern {
  return {
    name,
    direction: "bearish",
    confidence: 0.7,
    status: "forming",
    start_time: t(idx[0]!),
    end_time: t(idx.at(-1)!),
    points: idx.map((i) => ({ time: t(i), price: p(i) })),
    ...over,
  };
}

async function run(tool: string, result: Parameters<typeof snapshot>[0], args: Record<string, unknown> = {}) {
  jest.mocked(snapshotFor).mockResolvedValue(snapshot(result));
  const exec = createExecution({ context: { symbol: "TSLA", timeframe: "1D" } });
  const outcome = await executeCall(exec, tool, args);
  if (!outcome.ok) throw new Error(outcome.error);
  return { exec, facts: outcome.facts };
}

describe("detect_patterns", () => {
  it("gives each reported pattern the drawing built from it, and one drawing per id", async () => {
    // Two double tops over the same bars (different middle points) share a data-derived id.
    const top = pattern("double_top", [250, 265, 280]);
    const sameBars = pattern("double_top", [250, 270, 280], { confidence: 0.6 });
    const older = pattern("head_and_shoulders", [40, 60, 80, 100, 120], { direction: "bullish", status: "confirmed" });
    const recentWedge = pattern("rising_wedge", [230, 260, 290], { confidence: 0.9 });
    const { exec, facts } = await run("detect_patterns", { patterns: [older, top, sameBars, recentWedge] });
    if (facts.tool !== "detect_patterns") throw new Error("wrong facts");

    const ids = exec.commands.map((c) => ("id" in c ? c.id : ""));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ChartCommandListSchema.safeParse(exec.commands).success).toBe(true);
    // Most recent first; the repeat of the same formation is not reported twice.
    expect(facts.patterns.map((f) => f.name)).toEqual(["rising_wedge", "double_top", "head_and_shoulders"]);
    const byId = new Map(exec.commands.map((c) => [("id" in c ? c.id : ""), c]));
    for (const f of facts.patterns.filter((x) => x.drawn)) {
      const cmd = byId.get(f.id);
      expect(cmd).toMatchObject({ type: "pattern", name: f.name, direction: f.direction, confidence: f.confidence });
    }
    // The drawn double top is the more confident of the two, with its own points.
    expect(byId.get(facts.patterns[1]!.id)).toMatchObject({ points: top.points, confidence: 0.7 });
    expect(exec.widget?.rows.map((r) => r.id)).toEqual(facts.patterns.filter((f) => f.drawn).map((f) => f.id));
  });
});

describe("candlestick_patterns", () => {
  it("marks the newest hits, each fact under its own marker's id", async () => {
    const names = ["doji", "hammer", "shooting_star", "bullish_engulfing"] as const;
    const hits: CandlestickHit[] = Array.from({ length: 30 }, (_, k) => {
      const name = names[k % names.length]!;
      return { name, time: t(BARS - 30 + k), direction: name === "hammer" || name === "bullish_engulfing" ? "bullish" : name === "doji" ? "neutral" : "bearish" };
    });
    const { exec, facts } = await run("candlestick_patterns", { candlesticks: hits });
    if (facts.tool !== "candlestick_patterns") throw new Error("wrong facts");
    expect(facts.candles).toHaveLength(20);
    expect(facts.candles.map((c) => c.time)).toEqual(hits.slice(-20).map((h) => h.time));
    expect(facts.candles.map((c) => c.id)).toEqual(exec.commands.map((c) => ("id" in c ? c.id : "")));
    for (const [i, c] of exec.commands.entries()) expect(c).toMatchObject({ type: "marker", time: facts.candles[i]!.time });
  });
});
