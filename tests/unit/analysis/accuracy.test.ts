import { analysisContext, supportResistance } from "@/lib/analysis/analyze";
import { detectPatterns } from "@/lib/analysis/patterns";
import type { ChartPattern } from "@/lib/analysis/types";
import { PATTERN_NAMES, type PatternName } from "@/lib/commands/schema";
import { plant, type PlantedSeries } from "@/tests/support/generators/planted";
import { randomWalkColumns } from "@/tests/support/generators/random-walk";

/**
 * The engine's measured quality (issue 3): recall per planted pattern type at confidence >= 0.5,
 * false positives on pure random walks at confidence >= 0.8, and levels on planted trading
 * ranges. Prints the table it asserts on.
 */

const SEEDS_PER_TYPE = 40;
const RANDOM_WALKS = 40;
const WALK_LENGTH = 1000;
const MIN_RECALL = 0.9;
const MAX_FP_PER_1000 = 1;

/** A detection of the planted type covering at least half of the shorter of the two spans. */
function found(series: PlantedSeries, patterns: ChartPattern[], name: PatternName): boolean {
  const from = series.cols.time[series.startIdx]!;
  const to = series.cols.time[series.endIdx]!;
  return patterns.some((p) => {
    if (p.name !== name || p.confidence < 0.5) return false;
    const shared = Math.min(to, p.end_time) - Math.max(from, p.start_time);
    return shared >= 0.5 * Math.min(to - from, p.end_time - p.start_time);
  });
}

const recall = new Map<PatternName, number>();
for (const name of PATTERN_NAMES) {
  let hits = 0;
  for (let seed = 1; seed <= SEEDS_PER_TYPE; seed++) {
    const series = plant(name, { seed });
    if (found(series, detectPatterns(analysisContext(series.cols)), name)) hits++;
  }
  recall.set(name, hits / SEEDS_PER_TYPE);
}

let falsePositives = 0;
const fpByName = new Map<string, number>();
for (let seed = 1; seed <= RANDOM_WALKS; seed++) {
  const cols = randomWalkColumns({ seed: 10_000 + seed, n: WALK_LENGTH });
  for (const p of detectPatterns(analysisContext(cols))) {
    if (p.confidence < 0.8) continue;
    falsePositives++;
    fpByName.set(p.name, (fpByName.get(p.name) ?? 0) + 1);
  }
}
const fpPer1000 = (falsePositives / (RANDOM_WALKS * WALK_LENGTH)) * 1000;

const rows = PATTERN_NAMES.map((name) => `${name.padEnd(28)} ${(recall.get(name)! * 100).toFixed(0).padStart(4)}%   ${String(fpByName.get(name) ?? 0).padStart(3)}`);
process.stdout.write(
  [
    `\npattern recall (${SEEDS_PER_TYPE} planted series each, confidence >= 0.5) and false positives (confidence >= 0.8) on ${RANDOM_WALKS} random walks of ${WALK_LENGTH}`,
    `${"pattern".padEnd(28)} recall   fp`,
    ...rows,
    `false positives per 1,000 candles: ${fpPer1000.toFixed(2)}\n`,
  ].join("\n"),
);

describe("pattern accuracy", () => {
  it.each(PATTERN_NAMES.map((n) => [n]))("finds planted %s in at least 90% of series", (name) => {
    expect(recall.get(name as PatternName)).toBeGreaterThanOrEqual(MIN_RECALL);
  });

  it("reports at most 1 pattern at confidence >= 0.8 per 1,000 random-walk candles", () => {
    expect(fpPer1000).toBeLessThanOrEqual(MAX_FP_PER_1000);
  });
});

describe("levels on planted trading ranges", () => {
  const seeds = Array.from({ length: 30 }, (_, i) => i + 1);

  it.each(seeds)("seed %i: support and resistance within 1% of the planted prices", (seed) => {
    const series = plant("range", { seed });
    const { levels } = supportResistance(analysisContext(series.cols));
    const nearest = (price: number) => Math.min(...levels.map((l) => Math.abs(l.price - price) / price));
    expect(nearest(series.support!)).toBeLessThanOrEqual(0.01);
    expect(nearest(series.resistance!)).toBeLessThanOrEqual(0.01);
  });
});
