import { floorDiv } from "../sessions";
import { BLOCK, emptyBlock, priceRounder, type BlockData } from "./path";

export interface AnchorInput {
  /** Number of the block to build. */
  k: number;
  /** Intraday bars per daily session: bar `i` belongs to daily bar `floor(i / perSession)`. */
  perSession: number;
  /** Block `k` of the intraday series' own generated path, log prices. */
  pathBlock(k: number): BlockData;
  /** Block `k` of the symbol's daily bars, prices. */
  dailyBlock(k: number): BlockData;
  decimals: number;
}

/**
 * A stretch above 3 would turn a session whose path barely clears its open and close into
 * a spike; such a session stays inside the daily range without reaching its high or low.
 */
const MAX_STRETCH = 3;

/** How one session's path is bent onto its daily bar (log prices). */
interface SessionFit {
  /** Drift at the session's first open, and its change per bar. */
  start: number;
  step: number;
  /** Above `top` (the higher of the daily open and close) prices scale by `up` towards it; below `bottom` by `down`. */
  top: number;
  up: number;
  bottom: number;
  down: number;
}

/** One bar after the drift, in log prices, written into `bar` (open, high, low, close). */
function drift(path: BlockData, i: number, atOpen: number, step: number, bar: Float64Array): void {
  const o = path.open[i]! + atOpen;
  const c = path.close[i]! + atOpen + step;
  const mid = atOpen + step / 2;
  bar[0] = o;
  bar[1] = Math.max(path.high[i]! + mid, o, c);
  bar[2] = Math.min(path.low[i]! + mid, o, c);
  bar[3] = c;
}

/**
 * Ties an intraday series to the daily bars, session by session, in two monotone steps on
 * log prices, so the intraday shape is kept and low <= open, close <= high survives:
 * 1. a drift that moves linearly across the session, from (daily open - path's first open)
 *    to (daily close - path's last close): the session opens at the daily open and closes
 *    at the daily close. The drift moves through each bar (its open and close take the
 *    values at the bar's start and end), so consecutive bars stay joined where one constant
 *    per bar would open a gap of the per-bar step between every pair;
 * 2. the parts of the session above its open and close, and below, scaled so its highest
 *    high and lowest low meet the daily high and low (at most MAX_STRETCH times): every
 *    intraday chart stays inside the daily bar's range.
 * A session's fit uses its whole path, so the session in progress does not depend on the
 * time of the request.
 */
export function anchorToDaily({ k, perSession, pathBlock, dailyBlock, decimals }: AnchorInput): BlockData {
  const price = priceRounder(decimals);
  const path = pathBlock(k);
  const out = emptyBlock(path.time);
  const bar = new Float64Array(4);

  const fitSession = (s: number): SessionFit => {
    const dk = floorDiv(s, BLOCK);
    const daily = dailyBlock(dk);
    const d = s - dk * BLOCK;
    const open = Math.log(daily.open[d]!);
    const close = Math.log(daily.close[d]!);
    const firstIdx = s * perSession;
    const lastIdx = firstIdx + perSession - 1;
    const firstBlock = pathBlock(floorDiv(firstIdx, BLOCK));
    const lastBlock = pathBlock(floorDiv(lastIdx, BLOCK));
    const start = open - firstBlock.open[firstIdx - floorDiv(firstIdx, BLOCK) * BLOCK]!;
    const end = close - lastBlock.close[lastIdx - floorDiv(lastIdx, BLOCK) * BLOCK]!;
    const step = (end - start) / perSession;
    let high = -Infinity;
    let low = Infinity;
    for (let idx = firstIdx; idx <= lastIdx; ) {
      const pk = floorDiv(idx, BLOCK);
      const pb = pathBlock(pk);
      const stop = Math.min(lastIdx, pk * BLOCK + BLOCK - 1);
      for (; idx <= stop; idx++) {
        drift(pb, idx - pk * BLOCK, start + step * (idx - firstIdx), step, bar);
        if (bar[1]! > high) high = bar[1]!;
        if (bar[2]! < low) low = bar[2]!;
      }
    }
    const top = Math.max(open, close);
    const bottom = Math.min(open, close);
    return {
      start,
      step,
      top,
      up: high > top ? Math.min((Math.log(daily.high[d]!) - top) / (high - top), MAX_STRETCH) : 1,
      bottom,
      down: low < bottom ? Math.min((bottom - Math.log(daily.low[d]!)) / (bottom - low), MAX_STRETCH) : 1,
    };
  };

  let session = Number.NaN;
  let fit: SessionFit | null = null;
  const scale = (x: number, f: SessionFit) => (x > f.top ? f.top + (x - f.top) * f.up : x < f.bottom ? f.bottom - (f.bottom - x) * f.down : x);
  const first = k * BLOCK;
  for (let i = 0; i < BLOCK; i++) {
    const idx = first + i;
    const s = floorDiv(idx, perSession);
    if (s !== session || !fit) {
      session = s;
      fit = fitSession(s);
    }
    drift(path, i, fit.start + fit.step * (idx - s * perSession), fit.step, bar);
    out.open[i] = price(scale(bar[0]!, fit));
    out.high[i] = price(scale(bar[1]!, fit));
    out.low[i] = price(scale(bar[2]!, fit));
    out.close[i] = price(scale(bar[3]!, fit));
  }
  out.volume.set(path.volume);
  return out;
}
