import type { AnalysisContext } from "./analyze";
import type { TrendSummary } from "./types";

/** Bars the trend is judged over (the most recent ones). */
export const TREND_BARS = 100;

/**
 * Direction and strength of the recent trend: a least-squares line through the last TREND_BARS
 * closes. Its rise over the window in ATRs says how far price travelled against its own noise,
 * R² how steadily; strength = √R² × (rise scaled from 1 to 8 ATRs), and a strength under 0.25 is
 * sideways. O(TREND_BARS).
 */
export function trendSummary(ctx: AnalysisContext): TrendSummary {
  const { close } = ctx.cols;
  const n = ctx.cols.length;
  const m = Math.min(n, TREND_BARS);
  if (m < 3) return { direction: "sideways", strength: 0 };
  const from = n - m;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < m; i++) {
    const y = close[from + i]!;
    sx += i;
    sy += y;
    sxx += i * i;
    sxy += i * y;
    syy += y * y;
  }
  const vx = m * sxx - sx * sx;
  const vy = m * syy - sy * sy;
  const cov = m * sxy - sx * sy;
  if (vx <= 0 || vy <= 0) return { direction: "sideways", strength: 0 };
  const slope = cov / vx;
  const r2 = (cov * cov) / (vx * vy);
  const rise = (slope * (m - 1)) / ctx.atr[n - 1]!;
  const travel = Math.min(1, Math.max(0, (Math.abs(rise) - 1) / 7));
  const strength = Math.round(Math.sqrt(r2) * travel * 100) / 100;
  if (strength < 0.25) return { direction: "sideways", strength };
  return { direction: rise > 0 ? "up" : "down", strength };
}
