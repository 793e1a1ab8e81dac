import type { AnalysisContext } from "../analyze";
import type { ChartPattern } from "../types";
import { boundaryPatterns } from "./boundaries";
import type { PatternCandidate } from "./common";
import { flagPatterns } from "./flags";
import { reversalPatterns } from "./reversal";
import { selectPatterns } from "./select";

export interface PatternOptions {
  /** Patterns below this confidence are not reported. Default 0.3. */
  minConfidence?: number;
}

/**
 * Chart patterns from the swing points: reversals (double top/bottom, head and shoulders),
 * boundary patterns (triangles, wedges, channels) and flags, then the best non-overlapping
 * instances, oldest first. Every search is bounded to a few swings or bars around each swing
 * point, so the whole pass is O(n + p log p).
 */
export function detectPatterns(ctx: AnalysisContext, options: PatternOptions = {}): ChartPattern[] {
  const candidates: PatternCandidate[] = [];
  reversalPatterns(ctx, candidates);
  boundaryPatterns(ctx, candidates);
  flagPatterns(ctx, candidates);
  const out = selectPatterns(candidates, options.minConfidence ?? 0.3);
  out.sort((a, b) => a.start_time - b.start_time || a.end_time - b.end_time);
  return out;
}
