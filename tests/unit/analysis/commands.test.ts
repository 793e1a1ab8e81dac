import { analyze } from "@/lib/analysis/analyze";
import { analysisToCommands, candlestickCommands, fibonacciCommand, levelCommands, patternCommands, trendlineCommands } from "@/lib/analysis/commands";
import type { AnalysisResult } from "@/lib/analysis/types";
import { ChartCommandListSchema, ChartCommandSchema, MAX_COMMANDS_PER_BATCH } from "@/lib/commands/schema";
import { plant } from "@/tests/support/generators/planted";
import { randomWalkColumns } from "@/tests/support/generators/random-walk";

describe("analysis chart commands", () => {
  const cols = randomWalkColumns({ seed: 5, n: 800 });
  const result = analyze(cols);
  const commands = analysisToCommands(result);

  it("draws every tool's result, each command valid under the contract schema", () => {
    const types = new Set(commands.map((c) => c.type));
    for (const t of ["horizontal_line", "trendline", "marker", "fibonacci"]) expect(types).toContain(t);
    for (const c of commands) expect(ChartCommandSchema.safeParse(c).success).toBe(true);
    expect(ChartCommandListSchema.safeParse(commands).success).toBe(true);
    expect(commands.length).toBeLessThanOrEqual(MAX_COMMANDS_PER_BATCH);
  });

  it("uses unique ids that are the same for the same data", () => {
    const ids = commands.map((c) => ("id" in c ? c.id : ""));
    expect(new Set(ids).size).toBe(ids.length);
    expect(analysisToCommands(analyze(randomWalkColumns({ seed: 5, n: 800 }))).map((c) => ("id" in c ? c.id : ""))).toEqual(ids);
  });

  it("labels levels Support/Resistance with ids from role and price", () => {
    const lines = levelCommands(result.support_resistance!);
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) {
      if (l.type !== "horizontal_line") continue;
      expect(l.label).toMatch(l.role === "support" ? /^Support / : /^Resistance /);
      expect(l.id).toMatch(l.role === "support" ? /^sr-s-\d+\.\d{2,}$/ : /^sr-r-\d+\.\d{2,}$/);
    }
    expect(levelCommands({ levels: [{ price: 212.4, role: "support", touches: 3, strength: 0.7, first_time: 1, last_time: 2 }], zones: [] })[0]!.id).toBe("sr-s-212.40");
  });

  it("can add zones, and caps the levels drawn", () => {
    const sr = result.support_resistance!;
    const drawn = levelCommands(sr, { maxLevels: 2, zones: true });
    expect(drawn.filter((c) => c.type === "horizontal_line").length).toBe(Math.min(2, sr.levels.length));
    expect(drawn.filter((c) => c.type === "zone").length).toBe(Math.min(2, sr.zones.length));
    for (const c of drawn) expect(ChartCommandSchema.safeParse(c).success).toBe(true);
  });

  it("turns patterns into pattern commands with neckline and target", () => {
    const planted = plant("head_and_shoulders", { seed: 2 });
    const patterns = analyze(planted.cols, ["patterns"]).patterns!;
    const drawn = patternCommands(patterns);
    const hs = drawn.find((c) => c.name === "head_and_shoulders");
    expect(hs).toBeDefined();
    expect(hs!.id).toMatch(/^pat-head_and_shoulders-\d+-\d+$/);
    expect(hs!.neckline).toBeDefined();
    expect(hs!.target).toBeGreaterThan(0);
    expect(hs!.label.length).toBeLessThanOrEqual(80);
    for (const c of drawn) expect(ChartCommandSchema.safeParse(c).success).toBe(true);
  });

  it("marks candlesticks with short text, arrows by direction", () => {
    const markers = candlestickCommands(result.candlesticks!, { maxCandlesticks: 50 });
    expect(markers.length).toBeGreaterThan(0);
    for (const m of markers) {
      expect(m.id).toMatch(/^cs-[a-z_]+-\d+$/);
      expect(m.text!.length).toBeLessThanOrEqual(32);
      const hit = result.candlesticks!.find((h) => `cs-${h.name}-${h.time}` === m.id)!;
      if (hit.direction === "bullish") expect(m).toMatchObject({ position: "below", shape: "arrow_up" });
      if (hit.direction === "bearish") expect(m).toMatchObject({ position: "above", shape: "arrow_down" });
    }
  });

  it("draws trendlines and the Fibonacci retracement with stable ids", () => {
    const tl = trendlineCommands(result.trendlines!);
    for (const t of tl) expect(t.id).toMatch(/^tl-(s|r|cu|cl)-\d+-\d+$/);
    const fib = fibonacciCommand(result.fibonacci!);
    expect(fib.id).toBe(`fib-${result.fibonacci!.start.time}-${result.fibonacci!.end.time}`);
    expect(fib.levels).toEqual([0, 0.236, 0.382, 0.5, 0.618, 0.786, 1]);
  });

  it("draws only the tools present in a partial result", () => {
    const partial: AnalysisResult = { trend: result.trend!, fibonacci: null };
    expect(analysisToCommands(partial)).toEqual([]);
  });
});
