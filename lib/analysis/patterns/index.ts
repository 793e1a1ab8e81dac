import type { AnalysisContext } from "../analyze";
import type { ChartPattern } from "../types";
import { boundaryPatterns } from "./boundaries";
import { scoreFloor, type PatternCandidate } from "./common";
import { flagPatterns } from "./flags";
import { reversalPatterns } from "./reversal";
import { selectPatterns } from "./select";

export const DEFAULT_MIN_CONFIDENCE = 0.5;

export interface PatternOptions {
  /** Patterns below this confidence are not reported. Default 0.5: below it a shape is as likely noise. */
  minConfidence?: number;
}

/**
 * Chart patterns from the swing points: reversals (double top/bottom, head and shoulders),
 * boundary patterns (triangles, wedges, channels) and flags, then the best non-overlapping
 * instances, oldest first. Every search is bounded to a few swings or bars around each swing
 * point, so the whole pass is O(n + p log p).
 */
export function detectPatterns(ctx: AnalysisContext, options: PatternOptions = {}): ChartPattern[] {
  const floor = options.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  const candidates: PatternCandidate[] = [];
  const prune = scoreFloor(floor);
  reversalPatterns(ctx, candidates, prune);
  boundaryPatterns(ctx, candidates, prune);
  flagPatterns(ctx, candidates, prune);
  return selectPatterns(ctx, candidates, floor);
}
