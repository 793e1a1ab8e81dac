import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/**
 * Timing helpers for the benchmarks: warm runs first (so the optimiser has compiled the code),
 * then the median of timed runs, each started after a full garbage collection so one run's
 * garbage is not billed to the next.
 */

setFlagsFromString("--expose-gc");
const collect = runInNewContext("gc") as () => void;

export interface Timing {
  median: number;
  min: number;
  runs: number;
}

export function measure(fn: () => unknown, options: { warmup: number; runs: number }): Timing {
  for (let i = 0; i < options.warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < options.runs; i++) {
    collect();
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const mid = times.length >> 1;
  const median = times.length % 2 === 1 ? times[mid]! : (times[mid - 1]! + times[mid]!) / 2;
  return { median, min: times[0]!, runs: times.length };
}

/** Fixed-width text table: the first column left-aligned, the rest right-aligned. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? "").length)));
  const line = (cells: readonly string[]) => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

export const fmt = (ms: number): string => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
