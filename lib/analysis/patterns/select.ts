import type { ChartPattern } from "../types";
import type { PatternCandidate } from "./common";

/** Two patterns sharing more than this share of the shorter one's bars describe the same move. */
const MAX_OVERLAP = 0.3;
/** Patterns whose lengths differ by more than this factor are nested, not rivals. */
const MIN_SCALE_RATIO = 0.4;

/**
 * The best non-overlapping instances: candidates by confidence (ties: the longer one), each kept
 * unless it overlaps an already kept one of similar length by more than MAX_OVERLAP. Kept spans are held sorted by
 * start, so each check looks only at neighbours: O(c log c) for c candidates.
 */
export function selectPatterns(candidates: PatternCandidate[], minConfidence: number): ChartPattern[] {
  const ranked = candidates.filter((c) => c.pattern.confidence >= minConfidence);
  ranked.sort((a, b) => b.pattern.confidence - a.pattern.confidence || b.endIdx - b.startIdx - (a.endIdx - a.startIdx) || a.startIdx - b.startIdx);
  const kept: PatternCandidate[] = [];
  for (const c of ranked) {
    let lo = 0;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (kept[mid]!.startIdx < c.startIdx) lo = mid + 1;
      else hi = mid;
    }
    if (clashesLeft(kept, lo - 1, c) || clashesRight(kept, lo, c)) continue;
    kept.splice(lo, 0, c);
  }
  return kept.map((c) => c.pattern);
}

function overlaps(a: PatternCandidate, b: PatternCandidate): boolean {
  const shared = Math.min(a.endIdx, b.endIdx) - Math.max(a.startIdx, b.startIdx);
  if (shared <= 0) return false;
  const la = Math.max(1, a.endIdx - a.startIdx);
  const lb = Math.max(1, b.endIdx - b.startIdx);
  const shorter = Math.min(la, lb);
  // A pattern well under half the other's length is a different scale (a flag inside a wedge).
  return shared / shorter > MAX_OVERLAP && shorter / Math.max(la, lb) >= MIN_SCALE_RATIO;
}

/**
 * Kept spans starting before c. Kept spans overlap each other by at most MAX_OVERLAP, so one
 * that reaches into c cannot have many kept spans between it and c: a few neighbours suffice.
 */
function clashesLeft(kept: PatternCandidate[], from: number, c: PatternCandidate): boolean {
  for (let k = from; k >= 0 && k > from - 4; k--) if (overlaps(kept[k]!, c)) return true;
  return false;
}

function clashesRight(kept: PatternCandidate[], from: number, c: PatternCandidate): boolean {
  for (let k = from; k < kept.length && kept[k]!.startIdx < c.endIdx; k++) if (overlaps(kept[k]!, c)) return true;
  return false;
}
