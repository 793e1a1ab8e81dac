import type { Direction } from "@/lib/commands/schema";
import type { CandleColumns, CandlestickHit, CandlestickName } from "./types";

/**
 * Candlestick patterns in one O(n) pass, defined the TA-Lib way: every "long", "short" or "doji"
 * is relative to the recent candles (rolling averages of body and range over the previous
 * `averagePeriod` bars), so one rule set works for a $1 coin and a $10,000 index, on 1m or 1W.
 *
 * Parts of a candle: body |close - open|, range high - low, upper shadow high - max(open, close),
 * lower shadow min(open, close) - low. With AB and AR the average body and range of the
 * `averagePeriod` candles before the one judged (TA-Lib's `BodyLong`/`BodyShort`/`BodyDoji`/
 * `ShadowVeryShort` settings):
 * - long body: body > AB; short body: body <= AB;
 * - doji: body <= 0.1 AR;
 * - very short shadow: shadow <= 0.1 AR;
 * - long shadow (hammer family): more than twice the body (Nison's rule; TA-Lib asks for once)
 *   and longer than AB, so a tiny candle with a tiny body is not a hammer.
 *
 * Reversal patterns need the trend they reverse (Nison): over the `trendPeriod` bars up to the
 * pattern's first candle (up to the bar before, for one-candle patterns) the close moved more
 * than half an average range (AR at the bar where that trend is read). This is what tells a hammer
 * (after a decline) from a hanging man (after a rise), and an inverted hammer from a shooting
 * star. Doji and the three soldiers / crows need no trend.
 *
 * Where TA-Lib asks for price gaps (the star of a morning/evening star) the star's body only has
 * to sit at or beyond the first candle's close: markets that trade around the clock rarely gap,
 * and such a star is still the hesitation the pattern describes. Piercing line and dark cloud
 * cover keep TA-Lib's open beyond the prior candle's low / high.
 *
 * Hits are oldest first, stamped with the time of the pattern's last candle; a bar can carry
 * several hits (a doji that also completes a harami). Detection starts once the first candle of
 * a pattern has a full average window.
 */
export interface CandlestickOptions {
  /** Candles in the rolling averages of body and range (default 10, as TA-Lib). */
  averagePeriod?: number;
  /** Bars over which the preceding trend is measured (default 5). */
  trendPeriod?: number;
}

const DOJI_BODY = 0.1;
const VERY_SHORT_SHADOW = 0.1;
const LONG_SHADOW_BODIES = 2;
const TREND_MOVE = 0.5;
/** How far the third candle of a star closes into the first one's body (TA-Lib's default). */
const STAR_PENETRATION = 0.3;
/** Piercing line / dark cloud cover close beyond the middle of the first body. */
const MIDPOINT = 0.5;
/** Soldiers close near their highs (crows near their lows): the far shadow under a quarter of the body. */
const SOLDIER_SHADOW = 0.25;

/** Bound once: global lookups in hot loops are ~100x slower inside jest's vm context. */
const { abs, max, min } = Math;

// Module-level (not per-call closures) so the optimiser sees one call target across calls.
function hit(hits: CandlestickHit[], name: CandlestickName, time: number, direction: Direction): void {
  hits.push({ name, time, direction });
}

export function detectCandlesticks(cols: CandleColumns, options: CandlestickOptions = {}): CandlestickHit[] {
  const period = options.averagePeriod ?? 10;
  const trendPeriod = options.trendPeriod ?? 5;
  if (!Number.isInteger(period) || period < 1) throw new RangeError(`averagePeriod must be an integer >= 1, got ${period}`);
  if (!Number.isInteger(trendPeriod) || trendPeriod < 1) throw new RangeError(`trendPeriod must be an integer >= 1, got ${trendPeriod}`);
  const { open, high, low, close, time } = cols;
  const n = cols.length;
  const hits: CandlestickHit[] = [];

  let sumBody = 0;
  let sumRange = 0;
  const warm = min(period, n);
  for (let i = 0; i < warm; i++) {
    sumBody += abs(close[i]! - open[i]!);
    sumRange += high[i]! - low[i]!;
  }

  // Yes/no facts are kept as 0/1 numbers and combined with `&`: on market data each one is a coin
  // flip, and a chain of `&&` would be a chain of mispredicted branches (3x slower). Each pattern
  // is then one rarely-taken gate followed by its price comparisons. The previous two bars' facts
  // are carried in registers; they start at 0, so no pattern uses a bar without a full average.
  let o1 = 0, c1 = 0, h1 = 0, l1 = 0, top1 = 0, bottom1 = 0, body1 = 0;
  let white1 = 0, black1 = 0, long1 = 0, short1 = 0;
  let o2 = 0, c2 = 0, h2 = 0, l2 = 0, body2 = 0;
  let white2 = 0, black2 = 0, long2 = 0;
  // Trend into the first candle of a three-candle pattern: the previous bar's trend flags.
  let down2 = 0, up2 = 0;

  for (let i = period; i < n; i++) {
    const o = open[i]!;
    const h = high[i]!;
    const l = low[i]!;
    const c = close[i]!;
    const top = max(o, c);
    const bottom = min(o, c);
    const body = top - bottom;
    const upper = h - top;
    const lower = bottom - l;
    const ab = sumBody / period;
    const ar = sumRange / period;
    const veryShort = VERY_SHORT_SHADOW * ar;
    const white = +(c > o);
    const black = +(c < o);
    const long = +(body > ab);
    const short = 1 - long;
    const threshold = TREND_MOVE * ar;
    const move = i - 1 - trendPeriod >= 0 ? close[i - 1]! - close[i - 1 - trendPeriod]! : 0;
    const down = +(move < -threshold);
    const up = +(move > threshold);
    const t = time[i]!;

    if (body <= DOJI_BODY * ar) hit(hits, "doji", t, "neutral");
    if ((short & +(lower > LONG_SHADOW_BODIES * body) & +(lower > ab) & +(upper <= veryShort) & (down | up)) !== 0) {
      if (down) hit(hits, "hammer", t, "bullish");
      else hit(hits, "hanging_man", t, "bearish");
    }
    if ((short & +(upper > LONG_SHADOW_BODIES * body) & +(upper > ab) & +(lower <= veryShort) & (down | up)) !== 0) {
      if (down) hit(hits, "inverted_hammer", t, "bullish");
      else hit(hits, "shooting_star", t, "bearish");
    }

    // Engulfing: the second body covers the first (one edge may coincide), opposite colours.
    if ((black1 & white & down) !== 0 && ((c >= o1 && o < c1) || (c > o1 && o <= c1))) hit(hits, "bullish_engulfing", t, "bullish");
    if ((white1 & black & up) !== 0 && ((o >= c1 && c < o1) || (o > c1 && c <= o1))) hit(hits, "bearish_engulfing", t, "bearish");

    // Harami: a short body inside a long one (one edge may coincide).
    if ((long1 & short & ((black1 & down) | (white1 & up))) !== 0 && ((top <= top1 && bottom > bottom1) || (top < top1 && bottom >= bottom1))) {
      if (black1) hit(hits, "bullish_harami", t, "bullish");
      else hit(hits, "bearish_harami", t, "bearish");
    }

    if ((black1 & long1 & white & long & down) !== 0 && o < l1 && c > c1 + MIDPOINT * body1 && c < o1) {
      hit(hits, "piercing_line", t, "bullish");
    }
    if ((white1 & long1 & black & up) !== 0 && o > h1 && c < c1 - MIDPOINT * body1 && c > o1) {
      hit(hits, "dark_cloud_cover", t, "bearish");
    }

    if ((black2 & long2 & short1 & white & long & down2) !== 0 && top1 <= c2 && c > c2 + STAR_PENETRATION * body2) {
      hit(hits, "morning_star", t, "bullish");
    }
    if ((white2 & long2 & short1 & black & long & up2) !== 0 && bottom1 >= c2 && c < c2 - STAR_PENETRATION * body2) {
      hit(hits, "evening_star", t, "bearish");
    }

    // Three long candles of one colour, each closing further and opening inside the previous body.
    if (
      (white2 & white1 & white & long2 & long1 & long) !== 0 &&
      c1 > c2 && c > c1 && o1 > o2 && o1 <= c2 && o > o1 && o <= c1 &&
      h2 - c2 < SOLDIER_SHADOW * body2 && h1 - c1 < SOLDIER_SHADOW * body1 && upper < SOLDIER_SHADOW * body
    ) {
      hit(hits, "three_white_soldiers", t, "bullish");
    }
    if (
      (black2 & black1 & black & long2 & long1 & long) !== 0 &&
      c1 < c2 && c < c1 && o1 < o2 && o1 >= c2 && o < o1 && o >= c1 &&
      c2 - l2 < SOLDIER_SHADOW * body2 && c1 - l1 < SOLDIER_SHADOW * body1 && lower < SOLDIER_SHADOW * body
    ) {
      hit(hits, "three_black_crows", t, "bearish");
    }

    o2 = o1; c2 = c1; h2 = h1; l2 = l1; body2 = body1;
    white2 = white1; black2 = black1; long2 = long1;
    o1 = o; c1 = c; h1 = h; l1 = l; top1 = top; bottom1 = bottom; body1 = body;
    white1 = white; black1 = black; long1 = long; short1 = short;
    down2 = down; up2 = up;

    const po = open[i - period]!;
    const pc = close[i - period]!;
    sumBody += body - abs(pc - po);
    sumRange += h - l - (high[i - period]! - low[i - period]!);
  }
  return hits;
}
