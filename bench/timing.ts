import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/**
 * Timing helpers for the benchmarks: warm runs first (so the optimiser has compiled the code),
 * then the median of timed runs, each started after a full garbage collection so one run's
 * garbage is not billed to the next.
 *
 * Each run records wall time and the process's CPU time (user + system, all threads, so GC
 * helper threads count). On a shared machine wall time also measures the neighbours (a load
 * average of 10 on 2 cores inflated it 3-6x here); CPU time is what the code costs.
 */

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;
const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * A full collection, then idle until V8's background threads (sweeping, giving the freed memory
 * back) are done, so they do not run beside the timed code on this 2-core machine: 10 ms sleeps
 * until one costs the process under 1 ms of CPU time, at most 1 s (10-70 ms here). A fixed 10 ms
 * was too short after technicalindicators' garbage: the next timed runs of ours measured CPU time
 * ~1.8x their wall time, the collector's threads busy beside them.
 */
function collect(): void {
  gc();
  for (let waited = 0; waited < 1000; waited += 10) {
    const before = process.cpuUsage();
    Atomics.wait(pause, 0, 0, 10);
    const used = process.cpuUsage(before);
    if (used.user + used.system < 1000) return;
  }
}

export interface Timing {
  /** Median CPU milliseconds. */
  cpu: number;
  /** Median wall-clock milliseconds. */
  wall: number;
  runs: number;
}

/**
 * `back-to-back` (for calls of a few milliseconds): one collection before the timed runs instead
 * of one before each. A collection and a 10 ms sleep before a 2 ms call leave it cold caches and
 * often a different core, which bills the harness (about +0.6 ms at 5k candles here) to the code;
 * back to back, each run pays its share of young-generation collections instead, as a server
 * analysing request after request does.
 */
export function measure(fn: () => unknown, options: { warmup: number; runs: number; backToBack?: boolean }): Timing {
  for (let i = 0; i < options.warmup; i++) fn();
  const samples = new Samples();
  if (options.backToBack) collect();
  for (let i = 0; i < options.runs; i++) {
    if (!options.backToBack) collect();
    samples.time(fn);
  }
  return samples.timing();
}

export interface PairOptions {
  warmup: { ours: number; theirs: number };
  /** Rounds of one `theirs` run, a collection, then `oursPerRound` back-to-back `ours` runs. */
  rounds: number;
  oursPerRound: number;
}

/**
 * Two implementations of one job, timed in alternating rounds rather than each in its own block.
 * This VM's speed drifts by up to 2x over seconds (measured: a throughput-bound loop slows while a
 * latency-bound one does not, as when the host core's other hardware thread gets busy), so timing
 * one side first and the other later billed the drift to whichever side drew the slow stretch;
 * interleaved, both medians sample the same stretches. The collection before each block of `ours`
 * keeps the garbage of `theirs` out of it, as the collection before a block in `measure` does.
 */
export function measurePair(ours: () => unknown, theirs: () => unknown, options: PairOptions): { ours: Timing; theirs: Timing } {
  for (let i = 0; i < options.warmup.ours; i++) ours();
  for (let i = 0; i < options.warmup.theirs; i++) theirs();
  const oursSamples = new Samples();
  const theirsSamples = new Samples();
  collect();
  for (let round = 0; round < options.rounds; round++) {
    theirsSamples.time(theirs);
    collect();
    for (let i = 0; i < options.oursPerRound; i++) oursSamples.time(ours);
  }
  return { ours: oursSamples.timing(), theirs: theirsSamples.timing() };
}

/** Wall and process CPU milliseconds of timed runs. */
class Samples {
  private readonly wall: number[] = [];
  private readonly cpu: number[] = [];

  time(fn: () => unknown): void {
    const startCpu = process.cpuUsage();
    const start = performance.now();
    fn();
    this.wall.push(performance.now() - start);
    const used = process.cpuUsage(startCpu);
    this.cpu.push((used.user + used.system) / 1000);
  }

  timing(): Timing {
    return { cpu: median(this.cpu), wall: median(this.wall), runs: this.wall.length };
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Fixed-width text table: the first column left-aligned, the rest right-aligned. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? "").length)));
  const line = (cells: readonly string[]) => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

export const fmt = (ms: number): string => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
