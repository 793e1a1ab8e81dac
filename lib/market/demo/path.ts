import { barCalendar, floorDiv, sessionsPerBar, type BarCalendar } from "../sessions";
import { TIMEFRAMES, type Timeframe } from "../values";
import { symbolProfile, type SymbolProfile } from "./profiles";
import { hashInts, latticeValue, Prng, valueNoise } from "./random";

/**
 * Generated price paths, for the timeframes that are generated rather than aggregated
 * (intraday and daily; see generator.ts for how they are tied together). Bars are numbered
 * by their trading calendar from a fixed epoch and generated in blocks of BLOCK bars, each
 * from its own seed (symbol, timeframe, block): a bar's values depend only on its number.
 *
 * Price, in log space, is built in three layers:
 * - macro: smooth multi-octave noise over calendar time (weeks to years), mapped into the
 *   symbol's band, plus day-to-week swings; shared by every timeframe;
 * - meso: a per-timeframe level for each block boundary, scaled to the bar volatility, so
 *   short timeframes trend too;
 * - legs: inside a block, a zigzag of swing pivots in one regime (trend with pullbacks,
 *   trading range that repeats its highs and lows then breaks out, or swings whose size
 *   follows a triangle, broadening or head-and-shoulders envelope), joined by Brownian
 *   bridges, so levels, trendlines and patterns are there to be found.
 * Volatility mean-reverts around the symbol's level (random per-block anchors, interpolated);
 * wicks and volume follow the bar's range; US sessions are U-shaped in volume and range.
 */
export const BLOCK = 256;
const LEVEL_STEP = 8;

const MACRO_PERIODS_DAYS = [45, 130, 400, 1100] as const;
const MACRO_WEIGHTS = [0.14, 0.22, 0.3, 0.4] as const;
const MACRO_WEIGHT_SUM = MACRO_WEIGHTS.reduce((a, b) => a + b, 0);
/** Swings of days to weeks, sized by the symbol's volatility rather than its band. */
const SWING_PERIODS_DAYS = [1.5, 5, 15] as const;

type Regime = "trend" | "range" | "swing";

export interface SeriesSpec {
  profile: SymbolProfile;
  calendar: BarCalendar;
  seed: number;
  loLog: number;
  hiLog: number;
  band: number;
  /** Per-bar log-return standard deviation. */
  sigma: number;
  /** Distance from the band's edges the close path keeps, so wicks and gaps fit inside. */
  margin: number;
  /** Session-open gap standard deviation, log (daily bars only). */
  gapSigma: number;
  mesoAmplitude: number;
  barVolume: number;
  /** US sessions trade more and move more at the open and the close. */
  uShaped: boolean;
}

/** Parameters of a generated (intraday or daily) series. */
export function seriesSpec(symbol: string, timeframe: Timeframe): SeriesSpec {
  const profile = symbolProfile(symbol);
  const calendar = barCalendar(profile.calendar, timeframe);
  const loLog = Math.log(profile.low);
  const hiLog = Math.log(profile.high);
  const band = hiLog - loLog;
  const sessions = sessionsPerBar(profile.calendar, timeframe);
  // A very volatile invented symbol in a narrow band would hit its edges in a few steps:
  // cap the per-bar move to a fraction of the band so its chart still shows structure.
  const sigma = Math.min(profile.dailyVol * Math.sqrt(sessions), band * 0.035);
  const intraday = sessions < 1;
  // Intraday sessions open where their daily bar opens (anchor.ts): the daily bars carry the gaps.
  const gapSigma = intraday || profile.calendar === "crypto_24x7" ? 0 : profile.dailyVol * (profile.calendar === "fx_24x5" ? 0.08 : 0.3);
  return {
    profile,
    calendar,
    seed: hashInts(profile.seed, TIMEFRAMES.indexOf(timeframe) + 1, 0x7f),
    loLog,
    hiLog,
    band,
    sigma,
    margin: Math.min(3 * sigma + gapSigma, band * 0.1),
    gapSigma,
    mesoAmplitude: Math.min(0.4 * sigma * Math.sqrt(BLOCK), band * 0.06),
    barVolume: profile.sessionVolume * sessions,
    uShaped: profile.calendar === "us_equity" && intraday,
  };
}

const LEVEL_OCTAVES = MACRO_PERIODS_DAYS.length + SWING_PERIODS_DAYS.length;

/**
 * Level at a moment, log price: the long-run part inside the middle three quarters of the
 * band, plus day-to-week swings. Both depend on calendar time only, so every generated
 * timeframe of a symbol starts near its daily price and the intraday correction that ties
 * sessions to their daily bars (anchor.ts) stays small. Sampled bar by bar, so each
 * octave keeps its current lattice cell instead of hashing twice per call.
 */
class LevelSampler {
  private readonly cell = new Float64Array(LEVEL_OCTAVES).fill(Number.NaN);
  private readonly left = new Float64Array(LEVEL_OCTAVES);
  private readonly right = new Float64Array(LEVEL_OCTAVES);

  constructor(private readonly spec: SeriesSpec) {}

  private octave(o: number, x: number): number {
    const i = Math.floor(x);
    if (i !== this.cell[o]) {
      this.cell[o] = i;
      this.left[o] = latticeValue(this.spec.profile.seed, o, i);
      this.right[o] = latticeValue(this.spec.profile.seed, o, i + 1);
    }
    const f = x - i;
    const a = this.left[o]!;
    return a + (this.right[o]! - a) * f * f * (3 - 2 * f);
  }

  at(t: number): number {
    const days = t / 86_400;
    let s = 0;
    for (let o = 0; o < MACRO_PERIODS_DAYS.length; o++) s += MACRO_WEIGHTS[o]! * this.octave(o, days / MACRO_PERIODS_DAYS[o]!);
    const u = 0.5 + 0.5 * Math.tanh((1.8 * s) / MACRO_WEIGHT_SUM);
    let swing = 0;
    for (let o = 0; o < SWING_PERIODS_DAYS.length; o++) {
      const p = SWING_PERIODS_DAYS[o]!;
      swing += Math.sqrt(p) * this.octave(MACRO_PERIODS_DAYS.length + o, days / p);
    }
    return this.spec.loLog + this.spec.band * (0.12 + 0.76 * u) + 0.6 * this.spec.profile.dailyVol * swing;
  }
}

function mesoLog(spec: SeriesSpec, k: number): number {
  return spec.mesoAmplitude * (0.65 * latticeValue(spec.seed, 7, k) + 0.35 * valueNoise(spec.seed, 8, k / 3));
}

/** Log volatility multiplier at a block boundary: stationary around zero, so volatility mean-reverts. */
function volAnchor(spec: SeriesSpec, k: number): number {
  return 0.35 * latticeValue(spec.seed, 9, k) + 0.2 * valueNoise(spec.seed, 10, k / 4);
}

/** Folds x into [lo, hi] like a reflecting barrier: continuous, and a bounce looks like a level. */
function reflect(x: number, lo: number, hi: number): number {
  const w = hi - lo;
  let y = (x - lo) % (2 * w);
  if (y < 0) y += 2 * w;
  return lo + (y <= w ? y : 2 * w - y);
}

const clampAbs = (x: number, m: number) => (x > m ? m : x < -m ? -m : x);

/** One envelope per swing block: the size of successive swings across the block. */
const SWING_ENVELOPES: ReadonlyArray<(x: number) => number> = [
  (x) => 1.25 - 0.9 * x, // contracting: triangles and wedges
  (x) => 0.45 + 0.85 * x, // broadening
  (x) => 0.8 + 0.6 * Math.exp(-((x - 0.5) ** 2) / 0.02), // a larger middle swing: head and shoulders
  () => 1, // channel
];

/** One block of BLOCK bars of one series (prices or log prices, as the producer says). */
export interface BlockData {
  /** Open times of the block's bars and of the next block's first bar. */
  time: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

export function emptyBlock(time: Float64Array): BlockData {
  return {
    time,
    open: new Float64Array(BLOCK),
    high: new Float64Array(BLOCK),
    low: new Float64Array(BLOCK),
    close: new Float64Array(BLOCK),
    volume: new Float64Array(BLOCK),
  };
}

/** Rounds a log price to the symbol's tick; never below one tick. */
export function priceRounder(decimals: number): (logPrice: number) => number {
  const factor = 10 ** decimals;
  const tick = 1 / factor;
  return (logP) => Math.max(tick, Math.round(Math.exp(logP) * factor) / factor);
}

/** Block `k` of a generated series in log prices, unrounded (volumes are final). */
export function buildPath(spec: SeriesSpec, k: number): BlockData {
  const B = BLOCK;
  const cal = spec.calendar;
  const rng = new Prng(hashInts(spec.seed, k, 0xb10c));
  const sig = spec.sigma;
  const first = k * B;
  const time = new Float64Array(B + 1);
  for (let i = 0; i <= B; i++) time[i] = cal.timeOf(first + i);

  // The base line every bar follows: the calendar-time level plus this timeframe's block levels.
  const level = new LevelSampler(spec);
  const m0 = mesoLog(spec, k);
  const m1 = mesoLog(spec, k + 1);
  // The level changes over days, so sampling it every LEVEL_STEP bars and joining the
  // samples linearly loses nothing visible and saves most of the cost.
  const base = new Float64Array(B + 1);
  for (let i = 0; i <= B; i += LEVEL_STEP) base[i] = level.at(time[i]!);
  for (let i = 0; i < B; i += LEVEL_STEP) {
    const a = base[i]!;
    const d = (base[i + LEVEL_STEP]! - a) / LEVEL_STEP;
    for (let q = 1; q < LEVEL_STEP; q++) base[i + q] = a + d * q;
  }
  for (let i = 0; i <= B; i++) base[i] = base[i]! + m0 + ((m1 - m0) * i) / B;
  const a0 = base[0]!;
  const a1 = base[B]!;

  // Regime: a block that has far to go is more likely to trend.
  const trendiness = Math.abs(a1 - a0) / (sig * Math.sqrt(B));
  const pTrend = Math.min(0.75, Math.max(0.2, 0.2 + 0.4 * trendiness));
  const r = rng.next();
  const regime: Regime = r < pTrend ? "trend" : r < pTrend + (1 - pTrend) / 2 ? "range" : "swing";
  const [minLeg, maxLeg]: readonly [number, number] = regime === "trend" ? [6, 26] : regime === "range" ? [8, 22] : [10, 34];

  // Swing pivots: positions, then alternating offsets from the base line.
  const pos: number[] = [0];
  for (let p = 0; ; ) {
    const len = rng.int(minLeg, maxLeg);
    if (p + len >= B - minLeg / 2) {
      pos.push(B);
      break;
    }
    p += len;
    pos.push(p);
  }
  const m = pos.length - 1;
  const cap = spec.band * 0.12;
  const swingSize = sig * Math.sqrt(B / m) * (regime === "range" ? rng.range(0.9, 1.4) : rng.range(1.1, 1.8));
  const envelope = SWING_ENVELOPES[rng.int(0, SWING_ENVELOPES.length - 1)]!;
  const offset = new Float64Array(m + 1);
  let side = rng.next() < 0.5 ? 1 : -1;
  for (let j = 1; j < m; j++) {
    let h: number;
    if (regime === "trend") h = sig * Math.sqrt(pos[j]! - pos[j - 1]!) * rng.range(0.4, 1);
    else if (regime === "range") h = swingSize * (1 + 0.08 * rng.normal());
    else h = swingSize * envelope(pos[j]! / B) * (1 + 0.1 * rng.normal());
    offset[j] = side * Math.min(Math.abs(h), cap);
    side = -side;
  }
  // A trading range holds near where the block began (a quarter of the base line's moves)
  // until its last leg, which breaks out to the next block's level.
  const lastLegStart = pos[m - 1]!;
  const follow = (i: number) => (regime !== "range" ? 1 : i <= lastLegStart ? 0.25 : 0.25 + (0.75 * (i - lastLegStart)) / (B - lastLegStart));

  // Legs: offsets interpolated between pivots plus a Brownian bridge; volatility interpolates the block anchors.
  const v0 = volAnchor(spec, k) + (regime === "range" ? -0.15 : regime === "trend" ? 0.08 : 0);
  const v1 = volAnchor(spec, k + 1);
  const path = new Float64Array(B + 1);
  const vol = new Float64Array(B);
  const volStep = Math.exp((v1 - v0) / B);
  let volLevel = Math.exp(v0);
  path[0] = a0;
  for (let j = 0; j < m; j++) {
    const start = pos[j]!;
    const len = pos[j + 1]! - start;
    const legVol = Math.exp(0.15 * rng.normal());
    let w = 0;
    for (let i = 1; i <= len; i++) {
      const lv = volLevel * legVol;
      volLevel *= volStep;
      vol[start + i - 1] = lv;
      w += rng.normal() * sig * 0.7 * lv;
      path[start + i] = w;
    }
    const from = offset[j]!;
    const span = offset[j + 1]! - from;
    for (let i = 1; i <= len; i++) {
      const f = i / len;
      const at = start + i;
      path[at] = a0 + follow(at) * (base[at]! - a0) + from + span * f + path[at]! - f * w;
    }
  }
  const lo = spec.loLog + spec.margin;
  const hi = spec.hiLog - spec.margin;
  for (let i = 0; i <= B; i++) {
    const p = path[i]!;
    if (p < lo || p > hi) path[i] = reflect(p, lo, hi);
  }

  const out = emptyBlock(time);
  const perSession = cal.barsPerSession;
  for (let i = 0; i < B; i++) {
    const idx = first + i;
    const slot = idx - floorDiv(idx, perSession) * perSession;
    const lv = vol[i]!;
    let o = path[i]!;
    if (cal.hasSessionGaps && slot === 0 && spec.gapSigma > 0) o += clampAbs(rng.normal() * spec.gapSigma * lv, spec.margin / 2);
    const c = path[i + 1]!;
    const x = perSession > 1 ? (2 * slot) / (perSession - 1) - 1 : 0;
    const shape = spec.uShaped ? 0.75 + 0.9 * x * x : 1;
    const up = sig * lv * shape * (0.08 + 0.4 * Math.min(rng.exponential(), 4));
    const down = sig * lv * shape * (0.08 + 0.4 * Math.min(rng.exponential(), 4));
    const hiBar = Math.min(Math.max(o, c) + up, spec.hiLog);
    const loBar = Math.max(Math.min(o, c) - down, spec.loLog);
    out.open[i] = o;
    out.close[i] = c;
    out.high[i] = hiBar;
    out.low[i] = loBar;
    // Volume follows the bar's range relative to its usual range, with +-40% noise.
    const rangeRatio = (hiBar - loBar) / (1.6 * sig);
    out.volume[i] = Math.round(spec.barVolume * shape * (0.3 + 0.7 * rangeRatio) * (0.6 + 0.8 * rng.next()));
  }
  return out;
}

/** A log-price block rounded to the symbol's tick; rounding is monotonic, so low <= open, close <= high survives it. */
export function roundBlock(spec: SeriesSpec, path: BlockData): BlockData {
  const price = priceRounder(spec.profile.decimals);
  const out = emptyBlock(path.time);
  for (let i = 0; i < BLOCK; i++) {
    out.open[i] = price(path.open[i]!);
    out.high[i] = price(path.high[i]!);
    out.low[i] = price(path.low[i]!);
    out.close[i] = price(path.close[i]!);
  }
  out.volume.set(path.volume);
  return out;
}

