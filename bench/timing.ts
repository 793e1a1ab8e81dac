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

/** A full collection, then 10 ms idle so V8's background sweeper threads finish before the clock starts. */
function collect(): void {
  gc();
  Atomics.wait(pause, 0, 0, 10);
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
  const wall: number[] = [];
  const cpu: number[] = [];
  if (options.backToBack) collect();
  for (let i = 0; i < options.runs; i++) {
    if (!options.backToBack) collect();
    const startCpu = process.cpuUsage();
    const start = performance.now();
    fn();
    wall.push(performance.now() - start);
    const used = process.cpuUsage(startCpu);
    cpu.push((used.user + used.system) / 1000);
  }
  return { cpu: median(cpu), wall: median(wall), runs: options.runs };
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
