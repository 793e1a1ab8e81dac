/**
 * Analysis engine benchmark (`npm run bench`): each indicator against `technicalindicators` on
 * 1,000,000 seeded candles in one process, then the whole analysis (`analyze`, every tool,
 * candlesticks included) at 5k to 1M candles. Prints a table, the same figures as JSON lines,
 * and PASS/FAIL per goal. Every goal is judged on median wall time, what a caller waits; the two
 * libraries are timed in alternating rounds so the machine's drift hits both (see ./timing.ts).
 * A report: exits 0 whatever the result, unless run with `--strict`.
 */
import { loadavg } from "node:os";
import * as ti from "technicalindicators";
import { analyze } from "@/lib/analysis/analyze";
import { ANALYSIS_TOOLS } from "@/lib/analysis/types";
import { detectCandlesticks } from "@/lib/analysis/candlesticks";
import { sliceColumns } from "@/lib/analysis/columns";
import { atr, bollinger, ema, macd, rsi, sma, vwap } from "@/lib/analysis/indicators";
import { randomWalkColumns } from "@/tests/support/generators/random-walk";
import { fmt, measure, measurePair, table, type Timing } from "./timing";

const N = 1_000_000;
const SEED = 20_240_611;
const SIZES = [5_000, 10_000, 100_000, 1_000_000] as const;
// Both sides run warm, ours back to back as a server computing request after request does: a
// collection and a sleep before each few-millisecond run would bill cold caches to the code.
// Five rounds of one technicalindicators run and seven of ours (see measurePair).
const PAIR = { warmup: { ours: 10, theirs: 1 }, rounds: 5, oursPerRound: 7 };
const GOAL_SPEEDUP = 20;
const GOAL_1M_MS = 500;
const GOAL_5K_MS = 2;
/** Allowed slack over n log n growth from 100k to 1M, for timer and machine noise. */
const SCALING_SLACK = 1.25;

const strict = process.argv.includes("--strict");
const write = (text: string): void => {
  process.stdout.write(`${text}\n`);
};

const cols = randomWalkColumns({ seed: SEED, n: N });
const { high, low, close, volume } = cols;
const closeList = Array.from(close);
const highList = Array.from(high);
const lowList = Array.from(low);
const volumeList = Array.from(volume);
const buffers = Array.from({ length: 3 }, () => new Float64Array(N));
const [b0, b1, b2] = buffers as [Float64Array, Float64Array, Float64Array];

interface IndicatorCase {
  bench: string;
  label: string;
  ours: () => unknown;
  theirs: () => unknown;
}

const CASES: IndicatorCase[] = [
  { bench: "sma", label: "SMA(20)", ours: () => sma(close, 20, b0), theirs: () => ti.sma({ period: 20, values: closeList }) },
  { bench: "ema", label: "EMA(20)", ours: () => ema(close, 20, b0), theirs: () => ti.ema({ period: 20, values: closeList }) },
  { bench: "rsi", label: "RSI(14)", ours: () => rsi(close, 14, b0), theirs: () => ti.rsi({ period: 14, values: closeList }) },
  {
    bench: "macd",
    label: "MACD(12,26,9)",
    ours: () => macd(close, 12, 26, 9, { macd: b0, signal: b1, histogram: b2 }),
    theirs: () => ti.macd({ values: closeList, fastPeriod: 12, slowPeriod: 26, signalPeriod: 9, SimpleMAOscillator: false, SimpleMASignal: false }),
  },
  {
    bench: "bollinger",
    label: "Bollinger(20,2)",
    ours: () => bollinger(close, 20, 2, { middle: b0, upper: b1, lower: b2 }),
    theirs: () => ti.bollingerbands({ period: 20, stdDev: 2, values: closeList }),
  },
  { bench: "atr", label: "ATR(14)", ours: () => atr(high, low, close, 14, b0), theirs: () => ti.atr({ period: 14, high: highList, low: lowList, close: closeList }) },
  {
    bench: "vwap",
    label: "VWAP",
    ours: () => vwap(high, low, close, volume, {}, b0),
    theirs: () => ti.vwap({ high: highList, low: lowList, close: closeList, volume: volumeList }),
  },
];

interface Goal {
  goal: string;
  pass: boolean;
}
const goals: Goal[] = [];
const jsonLines: string[] = [];

write(`analysis bench: node ${process.version}, ${N.toLocaleString("en-US")} seeded candles, load average ${loadavg()[0]!.toFixed(2)}`);
write(
  `ours: median of ${PAIR.rounds * PAIR.oursPerRound} after ${PAIR.warmup.ours} warm-up runs; technicalindicators: median of ${PAIR.rounds} after ${PAIR.warmup.theirs}; in ${PAIR.rounds} alternating rounds`,
);
write("times: median process CPU ms (all threads, GC helpers included), median wall ms in brackets; every goal judged on wall time: the code is single-threaded, and CPU time also bills the collector threads cleaning up after the previous case\n");

const indicatorRows: string[][] = [];
for (const c of CASES) {
  const { ours, theirs } = measurePair(c.ours, c.theirs, PAIR);
  const speedup = theirs.wall / ours.wall;
  const pass = speedup >= GOAL_SPEEDUP;
  goals.push({ goal: `${c.label} >= ${GOAL_SPEEDUP}x faster than technicalindicators (${speedup.toFixed(0)}x)`, pass });
  indicatorRows.push([c.label, both(ours), both(theirs), `${speedup.toFixed(0)}x`, pass ? "PASS" : "FAIL"]);
  jsonLines.push(
    JSON.stringify({ bench: c.bench, n: N, ours_ms: round(ours.cpu), ti_ms: round(theirs.cpu), speedup: round(speedup), ours_wall_ms: round(ours.wall), ti_wall_ms: round(theirs.wall) }),
  );
}
write(table(["indicator (1M candles)", "ours ms", "technicalindicators ms", "speedup (wall)", `>= ${GOAL_SPEEDUP}x`], indicatorRows));

const analysisRows: string[][] = [];
const analyzeMs = new Map<number, number>();
const analyzeWallMs = new Map<number, number>();
for (const n of SIZES) {
  const slice = sliceColumns(cols, N - n, N);
  const runs = n <= 10_000 ? { warmup: 200, runs: 401, backToBack: true } : n <= 100_000 ? { warmup: 5, runs: 31 } : { warmup: 2, runs: 9 };
  const whole = measure(() => analyze(slice), runs);
  const candles = measure(() => detectCandlesticks(slice), runs);
  analyzeMs.set(n, whole.cpu);
  analyzeWallMs.set(n, whole.wall);
  analysisRows.push([n.toLocaleString("en-US"), both(whole), (whole.cpu / (n / 1000)).toFixed(4), both(candles)]);
  jsonLines.push(JSON.stringify({ bench: "analyze", n, ms: round(whole.cpu), ms_per_1k: round(whole.cpu / (n / 1000)), wall_ms: round(whole.wall) }));
  jsonLines.push(JSON.stringify({ bench: "candlesticks", n, ms: round(candles.cpu), ms_per_1k: round(candles.cpu / (n / 1000)), wall_ms: round(candles.wall) }));
}
write("");
write(table(["candles", "analyze() ms (all tools)", "ms per 1k candles", "candlesticks alone ms"], analysisRows));

// Each tool alone at the two largest sizes, so a scaling or time problem points at its module.
const toolSizes = [100_000, 1_000_000] as const;
const toolRows: string[][] = [];
for (const tool of ANALYSIS_TOOLS) {
  const row: string[] = [tool];
  const ms: number[] = [];
  for (const n of toolSizes) {
    const slice = sliceColumns(cols, N - n, N);
    const t = measure(() => analyze(slice, [tool]), n <= 100_000 ? { warmup: 3, runs: 9 } : { warmup: 1, runs: 5 });
    row.push(both(t));
    ms.push(t.cpu);
    jsonLines.push(JSON.stringify({ bench: `analyze:${tool}`, n, ms: round(t.cpu), wall_ms: round(t.wall) }));
  }
  row.push(`${(ms[1]! / ms[0]!).toFixed(1)}x`);
  toolRows.push(row);
}
write("");
write(table(["tool alone", "100k ms", "1M ms", "growth"], toolRows));

const w5k = analyzeWallMs.get(5_000)!;
const w1m = analyzeWallMs.get(1_000_000)!;
const t100k = analyzeMs.get(100_000)!;
const t1m = analyzeMs.get(1_000_000)!;
goals.push({
  goal: `whole analysis of 1M candles < ${GOAL_1M_MS} ms wall (${fmt(w1m)} ms wall, ${fmt(t1m)} ms cpu)`,
  pass: w1m < GOAL_1M_MS,
});
goals.push({
  goal: `whole analysis of 5k candles < ${GOAL_5K_MS} ms wall (${fmt(w5k)} ms wall, ${fmt(analyzeMs.get(5_000)!)} ms cpu)`,
  pass: w5k < GOAL_5K_MS,
});
const nLogN = 10 * (Math.log(1_000_000) / Math.log(100_000));
const growth = t1m / t100k;
goals.push({
  goal: `scaling O(n log n) or better: 100k -> 1M grows ${growth.toFixed(1)}x (n log n: ${nLogN.toFixed(1)}x, allowed ${(nLogN * SCALING_SLACK).toFixed(1)}x)`,
  pass: growth <= nLogN * SCALING_SLACK,
});

write("");
for (const g of goals) write(`${g.pass ? "PASS" : "FAIL"}  ${g.goal}`);
write("");
for (const line of jsonLines) write(line);
for (const g of goals) write(JSON.stringify(g));

if (strict && goals.some((g) => !g.pass)) process.exitCode = 1;

function both(t: Timing): string {
  return `${fmt(t.cpu)} [${fmt(t.wall)}]`;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
