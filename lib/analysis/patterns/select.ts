import type { ChartPattern } from "../types";
import type { AnalysisContext } from "../analyze";
import { buildPattern, calibrated, type PatternCandidate } from "./common";

/** Two patterns sharing more than this share of the shorter one's bars describe the same move… */
const MAX_OVERLAP = 0.3;
/** …unless their lengths differ by more than this factor: then they are nested (a flag inside a wedge). */
const MIN_SCALE_RATIO = 0.4;
/** Bars per bucket of the index of kept spans. */
const BUCKET = 256;
/** Candidate (and kept) counts stay below this: indices are packed under it in sort keys. */
const RANK = 2 ** 21;

/**
 * The best non-overlapping instances, oldest first (by start, then end; the time column
 * ascends, so bar order is time order): candidates by confidence (ties: the first detected), each
 * kept unless it overlaps an already kept one of similar length by more than MAX_OVERLAP. Kept
 * spans are indexed by the buckets of bars they cover, so each check looks only at spans near
 * it: O(c log c) for c candidates.
 */
export function selectPatterns(ctx: AnalysisContext, candidates: PatternCandidate[], minConfidence: number): ChartPattern[] {
  // Rank with a native numeric sort of packed keys (confidence to 1e-6, then detection order)
  // instead of a comparator: tens of thousands of candidates on long histories.
  const keys = new Float64Array(candidates.length);
  let m = 0;
  for (let i = 0; i < candidates.length; i++) {
    const conf = calibrated(candidates[i]!.confidence);
    if (conf >= minConfidence) keys[m++] = Math.round((1 - conf) * 1e6) * RANK + i;
  }
  const order = keys.subarray(0, m).sort();
  // Kept spans as parallel int arrays; each is listed (by its kept rank) in every bucket it
  // covers, so a check reads only its own buckets.
  const keptStart = new Int32Array(m);
  const keptEnd = new Int32Array(m);
  const keptIdx = new Int32Array(m);
  const buckets: (number[] | undefined)[] = new Array(Math.floor(ctx.cols.length / BUCKET) + 1);
  let kept = 0;
  for (let r = 0; r < m; r++) {
    const ci = order[r]! % RANK;
    const c = candidates[ci]!;
    const start = c.startIdx;
    const end = c.endIdx;
    const first = Math.floor(start / BUCKET);
    const last = Math.floor(end / BUCKET);
    let clash = false;
    for (let b = first; b <= last && !clash; b++) {
      const list = buckets[b];
      if (list) for (let k = 0; k < list.length && !clash; k++) clash = overlaps(keptStart[list[k]!]!, keptEnd[list[k]!]!, start, end);
    }
    if (clash) continue;
    for (let b = first; b <= last; b++) {
      const list = buckets[b];
      if (list) list.push(kept);
      else buckets[b] = [kept];
    }
    keptStart[kept] = start;
    keptEnd[kept] = end;
    keptIdx[kept] = ci;
    kept++;
  }
  // Oldest first: a numeric sort by start (kept rank breaks ties), then the rare runs sharing a
  // start ordered by end with a stable insertion pass.
  const byStart = new Float64Array(kept);
  for (let k = 0; k < kept; k++) byStart[k] = keptStart[k]! * RANK + k;
  byStart.sort();
  const seq = new Int32Array(kept);
  for (let k = 0; k < kept; k++) seq[k] = byStart[k]! % RANK;
  for (let k = 1; k < kept; k++) {
    const cur = seq[k]!;
    let p = k - 1;
    while (p >= 0 && keptStart[seq[p]!] === keptStart[cur] && keptEnd[seq[p]!]! > keptEnd[cur]!) {
      seq[p + 1] = seq[p]!;
      p--;
    }
    seq[p + 1] = cur;
  }
  const out: ChartPattern[] = [];
  for (let k = 0; k < kept; k++) out.push(buildPattern(ctx, candidates[keptIdx[seq[k]!]!]!));
  return out;
}

function overlaps(aStart: number, aEnd: number, bStart: number, bEnd: number): boolean {
  const shared = Math.min(aEnd, bEnd) - Math.max(aStart, bStart);
  if (shared <= 0) return false;
  const la = Math.max(1, aEnd - aStart);
  const lb = Math.max(1, bEnd - bStart);
  const shorter = Math.min(la, lb);
  return shared / shorter > MAX_OVERLAP && shorter / Math.max(la, lb) >= MIN_SCALE_RATIO;
}
