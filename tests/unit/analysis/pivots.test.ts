import { analysisContext } from "@/lib/analysis/analyze";
import { atr } from "@/lib/analysis/indicators";
import { PIVOT_HIGH, PIVOT_LOW, zigzag } from "@/lib/analysis/pivots";
import { anchorColumns } from "@/tests/support/generators/anchors";
import { randomWalkColumns } from "@/tests/support/generators/random-walk";

describe("zigzag swing points", () => {
  it("finds the turning points of a clean zigzag, alternating, at the extreme bars", () => {
    const cols = anchorColumns([100, 120, 105, 125, 110, 130], 10);
    const range = atr(cols.high, cols.low, cols.close, 14);
    const p = zigzag(cols, range, 2.5);
    expect(Array.from(p.index.subarray(0, p.confirmed))).toEqual([0, 10, 20, 30, 40]);
    expect(Array.from(p.kind.subarray(0, p.confirmed))).toEqual([PIVOT_LOW, PIVOT_HIGH, PIVOT_LOW, PIVOT_HIGH, PIVOT_LOW]);
    expect(p.price[1]).toBeCloseTo(120.2, 9);
    expect(p.price[2]).toBeCloseTo(104.8, 9);
    // The last swing is still running: reported as the running extreme, not confirmed.
    expect(p.count).toBe(p.confirmed + 1);
    expect(p.index[p.count - 1]).toBe(50);
  });

  it("ignores wiggles smaller than the ATR threshold", () => {
    const cols = anchorColumns([100, 130, 128, 129.5, 127.5, 100], 10);
    const p = zigzag(cols, atr(cols.high, cols.low, cols.close, 14), 2.5);
    expect(Array.from(p.kind.subarray(0, p.count))).toEqual([PIVOT_LOW, PIVOT_HIGH, PIVOT_LOW]);
  });

  it("alternates on a random walk, and each swing high is the highest high since the previous swing", () => {
    const ctx = analysisContext(randomWalkColumns({ seed: 3, n: 3000 }));
    const { pivots, cols } = ctx;
    expect(pivots.count).toBeGreaterThan(20);
    for (let j = 1; j < pivots.count; j++) {
      expect(pivots.kind[j]).toBe(-pivots.kind[j - 1]!);
      expect(pivots.index[j]!).toBeGreaterThan(pivots.index[j - 1]!);
      if (pivots.kind[j] === PIVOT_HIGH) {
        let max = -Infinity;
        for (let i = pivots.index[j - 1]!; i <= pivots.index[j]!; i++) max = Math.max(max, cols.high[i]!);
        expect(pivots.price[j]).toBe(max);
      }
    }
    // Finer threshold, more swings.
    expect(ctx.finePivots.count).toBeGreaterThan(pivots.count);
  });

  it("handles series too short for ATR", () => {
    const cols = anchorColumns([10, 12], 3);
    const p = zigzag(cols, atr(cols.high, cols.low, cols.close, 14));
    expect(p.count).toBeGreaterThanOrEqual(1);
  });
});
