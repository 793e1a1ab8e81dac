import type { ChartPattern } from "../types";
import type { AnalysisContext } from "../analyze";
import { buildPattern, type PatternCandidate } from "./common";

/** Two patterns sharing more than this share of the shorter one's bars describe the same move… */
const MAX_OVERLAP = 0.3;
/** …unless their lengths differ by more than this factor: then they are nested (a flag inside a wedge). */
const MIN_SCALE_RATIO = 0.4;
/** Bars per bucket of the index of kept spans. */
const BUCKET = 256;

/**
 * The best non-overlapping instances: candidates by confidence (ties: the longer one), each kept
 * unless it overlaps an already kept one of similar length by more than MAX_OVERLAP. Kept spans
 * are indexed by start bucket, so each check looks only at spans that can reach it:
 * O(c log c) for c candidates.
 */
export function selectPatterns(ctx: AnalysisContext, candidates: PatternCandidate[], minConfidence: number): ChartPattern[] {
  const ranked = candidates.filter((c) => c.confidence >= minConfidence);
  ranked.sort((a, b) => b.confidence - a.confidence || b.endIdx - b.startIdx - (a.endIdx - a.startIdx) || a.startIdx - b.startIdx);
  const buckets = new Map<number, PatternCandidate[]>();
  let longest = 0;
  const kept: ChartPattern[] = [];
  for (const c of ranked) {
    const first = Math.floor(Math.max(0, c.startIdx - longest) / BUCKET);
    const last = Math.floor(c.endIdx / BUCKET);
    let clash = false;
    for (let b = first; b <= last && !clash; b++) {
      const list = buckets.get(b);
      if (list) for (const o of list) if (overlaps(o, c)) clash = true;
    }
    if (clash) continue;
    const key = Math.floor(c.startIdx / BUCKET);
    const list = buckets.get(key);
    if (list) list.push(c);
    else buckets.set(key, [c]);
    if (c.endIdx - c.startIdx > longest) longest = c.endIdx - c.startIdx;
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
