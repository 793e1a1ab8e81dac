import type { ChartPattern } from "../types";
import type { AnalysisContext } from "../analyze";
import { buildPattern, calibrated, type PatternCandidate } from "./common";

/** Two patterns sharing more than this share of the shorter one's bars describe the same move… */
const MAX_OVERLAP = 0.3;
/** …unless their lengths differ by more than this factor: then they are nested (a flag inside a wedge). */
const MIN_SCALE_RATIO = 0.4;
/** Bars per bucket of the index of kept spans. */
const BUCKET = 256;

/**
 * The best non-overlapping instances: candidates by confidence (ties: the first detected), each kept
 * unless it overlaps an already kept one of similar length by more than MAX_OVERLAP. Kept spans
 * are indexed by the buckets of bars they cover, so each check looks only at spans near it:
 * O(c log c) for c candidates.
 */
export function selectPatterns(ctx: AnalysisContext, candidates: PatternCandidate[], minConfidence: number): ChartPattern[] {
  // Rank with a native numeric sort of packed keys (confidence to 1e-6, then detection order)
  // instead of a comparator: tens of thousands of candidates on long histories.
  const keys = new Float64Array(candidates.length);
  let m = 0;
  for (let i = 0; i < candidates.length; i++) {
    const conf = calibrated(candidates[i]!.confidence);
    if (conf >= minConfidence) keys[m++] = Math.round((1 - conf) * 1e6) * 2 ** 21 + i;
  }
  const order = keys.subarray(0, m).sort();
  // Each kept span is listed in every bucket it covers, so a check reads only its own buckets.
  const buckets: (PatternCandidate[] | undefined)[] = new Array(Math.floor(ctx.cols.length / BUCKET) + 1);
  const kept: ChartPattern[] = [];
  for (let r = 0; r < m; r++) {
    const c = candidates[order[r]! % 2 ** 21]!;
    const first = Math.floor(c.startIdx / BUCKET);
    const last = Math.floor(c.endIdx / BUCKET);
    let clash = false;
    for (let b = first; b <= last && !clash; b++) {
      const list = buckets[b];
      if (list) for (let k = 0; k < list.length && !clash; k++) clash = overlaps(list[k]!, c);
    }
    if (clash) continue;
    for (let b = first; b <= last; b++) {
      const list = buckets[b];
      if (list) list.push(c);
      else buckets[b] = [c];
    }
    kept.push(buildPattern(ctx, c));
  }
  return kept;
}

function overlaps(a: PatternCandidate, b: PatternCandidate): boolean {
  const shared = Math.min(a.endIdx, b.endIdx) - Math.max(a.startIdx, b.startIdx);
  if (shared <= 0) return false;
  const la = Math.max(1, a.endIdx - a.startIdx);
  const lb = Math.max(1, b.endIdx - b.startIdx);
  const shorter = Math.min(la, lb);
  return shared / shorter > MAX_OVERLAP && shorter / Math.max(la, lb) >= MIN_SCALE_RATIO;
}
