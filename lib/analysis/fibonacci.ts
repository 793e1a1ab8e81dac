import { DEFAULT_FIB_LEVELS } from "@/lib/commands/schema";
import type { AnalysisContext } from "./analyze";
import { priceScale } from "./levels";
import type { FibonacciRetracement } from "./types";

/** Bars searched for the last major swing. */
export const FIB_LOOKBACK = 150;

/**
 * Retracement of the last major swing: the highest high and lowest low of the last FIB_LOOKBACK
 * bars, from whichever came first to the other. Ratio r sits at end − r × (end − start): 0 at the
 * swing's end, 1 back at its start. Null when the window is flat. O(FIB_LOOKBACK).
 */
export function fibonacciRetracement(ctx: AnalysisContext, ratios: readonly number[] = DEFAULT_FIB_LEVELS): FibonacciRetracement | null {
  const { high, low, time } = ctx.cols;
  const n = ctx.cols.length;
  if (n < 2) return null;
  let hi = n - 1;
  let lo = n - 1;
  for (let i = Math.max(0, n - FIB_LOOKBACK); i < n; i++) {
    if (high[i]! > high[hi]!) hi = i;
    if (low[i]! < low[lo]!) lo = i;
  }
  const hp = high[hi]!;
  const lp = low[lo]!;
  if (!(hp > lp)) return null;
  const up = lo < hi || (lo === hi && ctx.cols.close[hi]! >= ctx.cols.open[hi]!);
  const [si, sp, ei, ep] = up ? [lo, lp, hi, hp] : [hi, hp, lo, lp];
  const f = priceScale(Math.min(sp, ep));
  const r = (x: number): number => Math.round(x * f) / f;
  return {
    start: { time: time[si]!, price: r(sp) },
    end: { time: time[ei]!, price: r(ep) },
    levels: ratios.map((ratio) => ({ ratio, price: r(ep - ratio * (ep - sp)) })),
  };
}
