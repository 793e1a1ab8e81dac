import { analysisContext } from "@/lib/analysis/analyze";
import { sliceColumns } from "@/lib/analysis/columns";
import { detectPatterns } from "@/lib/analysis/patterns";
import { PATTERN_NAMES } from "@/lib/commands/schema";
import { anchorColumns } from "@/tests/support/generators/anchors";
import { plant } from "@/tests/support/generators/planted";
import { randomWalkColumns } from "@/tests/support/generators/random-walk";

describe("chart patterns", () => {
  it("reads a clean double top: points, neckline, confirmed break and measured target", () => {
    // Up to 120, down to 105, up to 120 again, then through the 105 neckline to 85.
    const cols = anchorColumns([95, 80, 120, 105, 120, 85], 12);
    const top = detectPatterns(analysisContext(cols)).find((p) => p.name === "double_top");
    expect(top).toBeDefined();
    expect(top!.direction).toBe("bearish");
    expect(top!.status).toBe("confirmed");
    expect(top!.points.map((p) => p.time)).toEqual([cols.time[24], cols.time[36], cols.time[48]]);
    expect(top!.neckline!.start.price).toBeCloseTo(104.8, 6);
    // Neckline 104.8 minus the height (120.2 - 104.8).
    expect(top!.target).toBeCloseTo(89.4, 6);
    expect(top!.confidence).toBeGreaterThanOrEqual(0.8);
  });

  it("calls the same shape forming while price has not closed through the neckline", () => {
    const cols = anchorColumns([95, 80, 120, 105, 120, 85], 12);
    // Cut the data 5 bars after the second top: falling, still above 105.
    const early = sliceColumns(cols, 0, 54);
    const top = detectPatterns(analysisContext(early)).find((p) => p.name === "double_top");
    expect(top).toMatchObject({ status: "forming" });
    expect(top!.end_time).toBe(early.time[early.length - 1]);
  });

  it("drops a double top whose next swing turned up before the neckline", () => {
    const cols = anchorColumns([95, 80, 120, 105, 120, 110, 140], 12);
    expect(detectPatterns(analysisContext(cols)).filter((p) => p.name === "double_top")).toEqual([]);
  });

  it.each(PATTERN_NAMES.map((n) => [n]))("reports a planted %s with a complete, valid description", (name) => {
    const series = plant(name, { seed: 5 });
    const found = detectPatterns(analysisContext(series.cols));
    const p = found.find((x) => x.name === name);
    expect(p).toBeDefined();
    expect(p!.confidence).toBeGreaterThanOrEqual(0.5);
    expect(p!.confidence).toBeLessThanOrEqual(1);
    expect(["forming", "confirmed"]).toContain(p!.status);
    expect(p!.start_time).toBeLessThan(p!.end_time);
    expect(p!.points.length).toBeGreaterThanOrEqual(3);
    for (const pt of p!.points) expect(pt.price).toBeGreaterThan(0);
    expect(p!.target).toBeGreaterThan(0);
    // The measured move points the pattern's way from where it broke.
    if (p!.direction !== "neutral" && p!.neckline) {
      const beyond = p!.direction === "bullish" ? p!.target! > p!.neckline.end.price : p!.target! < p!.neckline.end.price;
      expect(beyond).toBe(true);
    }
  });

  it("keeps only non-overlapping instances of similar length", () => {
    const found = detectPatterns(analysisContext(randomWalkColumns({ seed: 21, n: 5000 })));
    expect(found.length).toBeGreaterThan(0);
    for (let a = 0; a < found.length; a++) {
      for (let b = a + 1; b < found.length; b++) {
        const x = found[a]!;
        const y = found[b]!;
        const shared = Math.min(x.end_time, y.end_time) - Math.max(x.start_time, y.start_time);
        const lx = x.end_time - x.start_time;
        const ly = y.end_time - y.start_time;
        if (Math.min(lx, ly) / Math.max(lx, ly) >= 0.45) expect(shared / Math.min(lx, ly)).toBeLessThanOrEqual(0.35);
      }
    }
    for (let i = 1; i < found.length; i++) expect(found[i]!.start_time).toBeGreaterThanOrEqual(found[i - 1]!.start_time);
  });

  it("gives the same result for the same data", () => {
    const cols = randomWalkColumns({ seed: 8, n: 2000 });
    expect(detectPatterns(analysisContext(cols))).toEqual(detectPatterns(analysisContext(cols)));
  });
});
