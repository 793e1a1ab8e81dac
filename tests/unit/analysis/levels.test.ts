import { analysisContext, supportResistance } from "@/lib/analysis/analyze";
import { anchorColumns } from "@/tests/support/generators/anchors";
import { randomWalkColumns } from "@/tests/support/generators/random-walk";

describe("support and resistance", () => {
  // A range between 100 and 120, ending in the middle.
  const range = anchorColumns([110, 100, 120, 100, 120, 100, 120, 100, 120, 110], 12);

  it("finds the range's floor and ceiling with their touches and roles", () => {
    const { levels, zones } = supportResistance(analysisContext(range));
    const support = levels.find((l) => Math.abs(l.price - 100) / 100 < 0.01);
    const resistance = levels.find((l) => Math.abs(l.price - 120) / 120 < 0.01);
    expect(support).toMatchObject({ role: "support", touches: 4 });
    expect(resistance).toMatchObject({ role: "resistance", touches: 4 });
    expect(support!.first_time).toBeLessThan(support!.last_time);
    for (const l of levels) expect(l.strength).toBeGreaterThanOrEqual(0);
    for (const l of levels) expect(l.strength).toBeLessThanOrEqual(1);
    expect(zones).toHaveLength(levels.length);
    for (const [i, z] of zones.entries()) {
      expect(z.from_price).toBeLessThanOrEqual(levels[i]!.price);
      expect(z.to_price).toBeGreaterThanOrEqual(levels[i]!.price);
    }
  });

  it("draws every zone around its own level on noisy data", () => {
    for (let seed = 1; seed <= 20; seed++) {
      const { levels, zones } = supportResistance(analysisContext(randomWalkColumns({ seed, n: 800 })));
      for (const [i, z] of zones.entries()) {
        expect(z.from_price).toBeLessThanOrEqual(levels[i]!.price);
        expect(z.to_price).toBeGreaterThanOrEqual(levels[i]!.price);
      }
    }
  });

  it("ranks a level price sliced through below one it held", () => {
    // 130 turned price twice, then the swings between 100 and 150 cut through it four times;
    // 150 turned price twice and held.
    const cols = anchorColumns([115, 100, 130, 112, 130, 100, 150, 100, 150, 100, 125], 12);
    const { levels } = supportResistance(analysisContext(cols));
    const sliced = levels.find((l) => Math.abs(l.price - 130) < 1.5);
    const held = levels.find((l) => Math.abs(l.price - 150) < 1.5);
    expect(held).toBeDefined();
    expect(sliced === undefined || sliced.strength < held!.strength).toBe(true);
  });

  it("returns at most maxLevels levels, strongest first, on a long random walk", () => {
    const { levels } = supportResistance(analysisContext(randomWalkColumns({ seed: 11, n: 20_000 })), { maxLevels: 5 });
    expect(levels.length).toBeLessThanOrEqual(5);
    for (let i = 1; i < levels.length; i++) expect(levels[i]!.strength).toBeLessThanOrEqual(levels[i - 1]!.strength);
  });
});
