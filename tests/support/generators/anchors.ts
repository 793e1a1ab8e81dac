import type { CandleColumns } from "@/lib/analysis/types";
import { emptyColumns } from "@/lib/analysis/columns";

/**
 * Noise-free candles walking straight from anchor to anchor (`bars` bars per leg) with a fixed
 * wick, for tests that need exact, hand-checkable swing points, lines and levels.
 */
export function anchorColumns(anchors: readonly number[], bars: number, wick = 0.2, start = 1_600_000_000, step = 86_400): CandleColumns {
  const closes: number[] = [anchors[0]!];
  for (let k = 1; k < anchors.length; k++) {
    const a = anchors[k - 1]!;
    const b = anchors[k]!;
    for (let t = 1; t <= bars; t++) closes.push(a + ((b - a) * t) / bars);
  }
  const n = closes.length;
  const cols = emptyColumns(n);
  for (let i = 0; i < n; i++) {
    const c = closes[i]!;
    const o = i === 0 ? c : closes[i - 1]!;
    cols.time[i] = start + i * step;
    cols.open[i] = o;
    cols.close[i] = c;
    cols.high[i] = Math.max(o, c) + wick;
    cols.low[i] = Math.min(o, c) - wick;
    cols.volume[i] = 1000;
  }
  return cols;
}
