import * as ti from "technicalindicators";
import { columnsFromArrays, sliceColumns, toColumns } from "@/lib/analysis/columns";
import { atr, bollinger, ema, macd, rsi, sma, vwap, wilder } from "@/lib/analysis/indicators";
import { randomWalk, randomWalkColumns } from "@/tests/support/generators/random-walk";
import { createRng } from "@/tests/support/generators/rng";

const f64 = (values: number[]): Float64Array => Float64Array.from(values);

/** Asserts `actual` has NaN for the first `warm` bars and equals `expected` (within tol) after. */
function expectSeries(actual: Float64Array, warm: number, expected: ArrayLike<number>, tol = 1e-9): void {
  expect(actual.length).toBe(warm + expected.length);
  for (let i = 0; i < warm; i++) expect(actual[i]).toBeNaN();
  let worst = 0;
  let worstAt = -1;
  for (let i = 0; i < expected.length; i++) {
    const diff = Math.abs(actual[warm + i]! - expected[i]!);
    if (!(diff <= worst)) {
      worst = diff;
      worstAt = warm + i;
    }
  }
  if (!(worst <= tol)) throw new Error(`max |diff| ${worst} at index ${worstAt} exceeds ${tol}`);
}

const cols = randomWalkColumns({ seed: 20240611, n: 3000 });
const close = cols.close;
const closeList = Array.from(close);
const highList = Array.from(cols.high);
const lowList = Array.from(cols.low);

describe("columns", () => {
  it("toColumns lays candles out as Float64Array columns in order", () => {
    const candles = randomWalk({ seed: 7, n: 50 });
    const c = toColumns(candles);
    expect(c.length).toBe(50);
    expect(c.close).toBeInstanceOf(Float64Array);
    candles.forEach((k, i) => {
      expect([c.time[i], c.open[i], c.high[i], c.low[i], c.close[i], c.volume[i]]).toEqual([k.time, k.open, k.high, k.low, k.close, k.volume]);
    });
  });

  it("randomWalk and randomWalkColumns give the same bars for a seed, and valid OHLC", () => {
    const objects = toColumns(randomWalk({ seed: 99, n: 400, step: 60 }));
    const direct = randomWalkColumns({ seed: 99, n: 400, step: 60 });
    expect(objects).toEqual(direct);
    for (let i = 0; i < direct.length; i++) {
      const [o, h, l, c] = [direct.open[i]!, direct.high[i]!, direct.low[i]!, direct.close[i]!];
      expect(l).toBeGreaterThan(0);
      expect(l).toBeLessThanOrEqual(Math.min(o, c));
      expect(Math.max(o, c)).toBeLessThanOrEqual(h);
      expect(direct.volume[i]).toBeGreaterThanOrEqual(0);
      if (i > 0) expect(direct.time[i]! - direct.time[i - 1]!).toBe(60);
    }
    expect(randomWalkColumns({ seed: 100, n: 400 }).close).not.toEqual(direct.close);
  });

  it("columnsFromArrays checks lengths and fills unknown volume with 0; sliceColumns shares memory", () => {
    expect(() => columnsFromArrays({ time: [1, 2], open: [1], high: [1, 1], low: [1, 1], close: [1, 1] })).toThrow(RangeError);
    const c = columnsFromArrays({ time: [1, 2, 3], open: [1, 2, 3], high: [2, 3, 4], low: [1, 1, 2], close: [2, 2, 3] });
    expect(Array.from(c.volume)).toEqual([0, 0, 0]);
    const s = sliceColumns(c, 1, 3);
    expect(s.length).toBe(2);
    expect(Array.from(s.close)).toEqual([2, 3]);
    expect(s.close.buffer).toBe(c.close.buffer);
  });
});

describe("rng", () => {
  it("is deterministic per seed, uniform in [0,1), normal with mean 0 and sd 1", () => {
    const a = createRng(5);
    const b = createRng(5);
    const xs = Array.from({ length: 20000 }, () => a.next());
    expect(xs.slice(0, 100)).toEqual(Array.from({ length: 100 }, () => b.next()));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(xs.reduce((s, x) => s + x, 0) / xs.length).toBeCloseTo(0.5, 1);
    const ns = Array.from({ length: 20000 }, () => a.normal());
    const mean = ns.reduce((s, x) => s + x, 0) / ns.length;
    const sd = Math.sqrt(ns.reduce((s, x) => s + (x - mean) ** 2, 0) / ns.length);
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(sd - 1)).toBeLessThan(0.03);
    const ints = new Set(Array.from({ length: 1000 }, () => a.int(3, 6)));
    expect([...ints].sort()).toEqual([3, 4, 5, 6]);
  });
});

describe("textbook values on small inputs", () => {
  it("sma", () => {
    expectSeries(sma(f64([1, 2, 3, 4, 5]), 3), 2, [2, 3, 4]);
    expectSeries(sma(f64([1, 2]), 3), 2, []);
    expectSeries(sma(f64([4, 8]), 1), 0, [4, 8]);
  });

  it("ema seeds with the SMA, then k = 2/(p+1)", () => {
    // seed (2+4+6)/3 = 4; 4 + (8-4)/2 = 6; 6 + (12-6)/2 = 9
    expectSeries(ema(f64([2, 4, 6, 8, 12]), 3), 2, [4, 6, 9]);
    // Wilder: k = 1/3; 4 + (8-4)/3 = 5.333; 5.333 + (12-5.333)/3 = 7.555
    expectSeries(wilder(f64([2, 4, 6, 8, 12]), 3), 2, [4, 16 / 3, 16 / 3 + (12 - 16 / 3) / 3]);
  });

  it("rsi (Wilder)", () => {
    // changes +1, -1, +2: avg gain/loss 0.5/0.5 -> 50; then 1.25/0.25 -> RS 5 -> 83.33
    expectSeries(rsi(f64([1, 2, 1, 3]), 2), 2, [50, 100 - 100 / 6]);
    expectSeries(rsi(f64([1, 2, 3, 4]), 2), 2, [100, 100]);
    expectSeries(rsi(f64([4, 3, 2, 1]), 2), 2, [0, 0]);
    expectSeries(rsi(f64([5, 5, 5]), 2), 2, [50]);
  });

  it("macd", () => {
    // fast(2): 1.5, 2.5, 3.5, 5.1667; slow(3): 2, 3, 4.5; macd 0.5, 0.5, 0.6667; signal(2) 0.5, 0.6111
    const r = macd(f64([1, 2, 3, 4, 6]), 2, 3, 2);
    expectSeries(r.macd, 2, [0.5, 0.5, 2 / 3]);
    expectSeries(r.signal, 3, [0.5, 0.5 + (2 / 3 - 0.5) * (2 / 3)]);
    expectSeries(r.histogram, 3, [0, 2 / 3 - (0.5 + (2 / 3 - 0.5) * (2 / 3))]);
  });

  it("bollinger uses the population standard deviation", () => {
    // mean 5, population sd 2
    const r = bollinger(f64([2, 4, 4, 4, 5, 5, 7, 9]), 8, 2);
    expectSeries(r.middle, 7, [5]);
    expectSeries(r.upper, 7, [9]);
    expectSeries(r.lower, 7, [1]);
    const flat = bollinger(new Float64Array(30).fill(123.45), 20, 2);
    expect(flat.upper[29]).toBe(flat.middle[29]);
    expect(flat.lower[29]).toBe(flat.middle[29]);
  });

  it("atr (Wilder) starts at index period with the mean true range", () => {
    // TR: 2, max(3, |12-10|, |9-10|) = 3, max(1, 0, 1) = 1 -> ATR 2.5, (2.5 + 1)/2 = 1.75
    const r = atr(f64([10, 11, 12, 11]), f64([8, 9, 9, 10]), f64([9, 10, 11, 10.5]), 2);
    expectSeries(r, 2, [2.5, 1.75]);
    // A gap counts: previous close 10, bar 12-11 -> TR 2
    expectSeries(atr(f64([10, 12]), f64([9, 11]), f64([10, 11.5]), 1), 1, [2]);
  });

  it("vwap is cumulative, or restarts each session", () => {
    const high = f64([11, 12, 13, 14]);
    const low = f64([9, 10, 11, 12]);
    const closeV = f64([10, 11, 12, 13]);
    const volume = f64([100, 300, 0, 200]);
    // typical prices 10, 11, 12, 13
    expectSeries(vwap(high, low, closeV, volume), 0, [10, (1000 + 3300) / 400, 4300 / 400, (4300 + 2600) / 600]);
    const time = f64([0, 3600, 86400, 90000]);
    const daily = vwap(high, low, closeV, volume, { time, sessionSeconds: 86400 });
    expect(Array.from(daily.subarray(0, 2))).toEqual([10, 4300 / 400]);
    expect(daily[2]).toBeNaN(); // a new day that has seen no volume yet
    expect(daily[3]).toBe(13);
    expect(() => vwap(high, low, closeV, volume, { sessionSeconds: 86400 })).toThrow(RangeError);
    expect(vwap(high, low, closeV, new Float64Array(4))[3]).toBeNaN();
  });

  it("rejects bad periods and short buffers", () => {
    expect(() => sma(close, 0)).toThrow(RangeError);
    expect(() => ema(close, 2.5)).toThrow(RangeError);
    expect(() => rsi(close, 14, new Float64Array(10))).toThrow(RangeError);
    expect(() => bollinger(close, 20, -1)).toThrow(RangeError);
    expect(() => atr(cols.high, cols.low, close.subarray(1), 14)).toThrow(RangeError);
  });
});

describe("against technicalindicators on a seeded random walk (3000 bars)", () => {
  const last = <T>(list: T[], n: number): T[] => list.slice(list.length - n);

  it.each([5, 20, 50])("sma(%i) within 1e-6", (p) => {
    const ref = ti.sma({ period: p, values: closeList });
    expectSeries(sma(close, p), close.length - ref.length, ref, 1e-6);
  });

  it.each([9, 20, 200])("ema(%i) within 1e-6", (p) => {
    const ref = ti.ema({ period: p, values: closeList });
    expectSeries(ema(close, p), close.length - ref.length, ref, 1e-6);
  });

  it.each([2, 14, 30])("rsi(%i) within 0.01 (technicalindicators rounds RSI to 2 decimals)", (p) => {
    const ref = ti.rsi({ period: p, values: closeList });
    expectSeries(rsi(close, p), close.length - ref.length, ref, 0.005 + 1e-9);
  });

  it("rsi(14) within 1e-9 of a direct transcription of Wilder's formula", () => {
    const p = 14;
    const expected: number[] = [];
    let g = 0;
    let l = 0;
    for (let i = 1; i < closeList.length; i++) {
      const d = closeList[i]! - closeList[i - 1]!;
      const gain = Math.max(d, 0);
      const loss = Math.max(-d, 0);
      if (i <= p) {
        g += gain / p;
        l += loss / p;
      } else {
        g = (g * (p - 1) + gain) / p;
        l = (l * (p - 1) + loss) / p;
      }
      if (i >= p) expected.push(100 - 100 / (1 + g / l));
    }
    expectSeries(rsi(close, p), p, expected, 1e-9);
  });

  it.each([
    [12, 26, 9],
    [5, 35, 5],
  ])("macd(%i, %i, %i) within 1e-6", (fast, slow, signal) => {
    const ref = ti.macd({ values: closeList, fastPeriod: fast, slowPeriod: slow, signalPeriod: signal, SimpleMAOscillator: false, SimpleMASignal: false });
    const ours = macd(close, fast, slow, signal);
    const warm = close.length - ref.length;
    expect(warm).toBe(slow - 1);
    expectSeries(ours.macd, warm, ref.map((r) => r.MACD!), 1e-6);
    const withSignal = ref.filter((r) => r.signal !== undefined);
    expectSeries(ours.signal, close.length - withSignal.length, withSignal.map((r) => r.signal!), 1e-6);
    expectSeries(ours.histogram, close.length - withSignal.length, withSignal.map((r) => r.histogram!), 1e-6);
  });

  it.each([
    [20, 2],
    [10, 1.5],
  ])("bollinger(%i, %f) within 1e-6", (p, k) => {
    const ref = ti.bollingerbands({ period: p, stdDev: k, values: closeList });
    const ours = bollinger(close, p, k);
    const warm = close.length - ref.length;
    expectSeries(ours.middle, warm, ref.map((r) => r.middle), 1e-6);
    expectSeries(ours.upper, warm, ref.map((r) => r.upper), 1e-6);
    expectSeries(ours.lower, warm, ref.map((r) => r.lower), 1e-6);
  });

  it.each([1, 14, 50])("atr(%i) within 1e-6", (p) => {
    const ref = ti.atr({ period: p, high: highList, low: lowList, close: closeList });
    expectSeries(atr(cols.high, cols.low, close, p), close.length - ref.length, ref, 1e-6);
  });

  it("vwap (cumulative) within 1e-6 relative", () => {
    const ref = ti.vwap({ high: highList, low: lowList, close: closeList, volume: Array.from(cols.volume) });
    const ours = vwap(cols.high, cols.low, close, cols.volume);
    expect(ref.length).toBe(close.length);
    expectSeries(ours, 0, ref, 1e-6);
  });

  it("sample windows agree at the end of the series too (no drift)", () => {
    const ref = last(ti.sma({ period: 20, values: closeList }), 5);
    expect(Array.from(sma(close, 20).subarray(close.length - 5))).toEqual(ref.map((v) => expect.closeTo(v, 9)));
  });
});

/**
 * One bar at a time, the arithmetic of each indicator's definition in the same order as the
 * library's loops, which unroll theirs: the results must be the same doubles whatever the length
 * (every tail of 0 to 3 bars after the unrolled blocks) and wherever the first block starts.
 */
describe("unrolled loops match a bar-by-bar transcription exactly", () => {
  const rng = createRng(77);
  /** Bars with a gap beyond the previous bar's range about half the time, and some zero volumes. */
  const gappy = (n: number) => {
    const high = new Float64Array(n);
    const low = new Float64Array(n);
    const closeG = new Float64Array(n);
    const volume = new Float64Array(n);
    let price = 100;
    for (let i = 0; i < n; i++) {
      price += rng.normal() * 3;
      const a = price + rng.normal();
      const b = price + rng.normal();
      high[i] = Math.max(a, b) + rng.next();
      low[i] = Math.min(a, b) - rng.next();
      closeG[i] = low[i]! + (high[i]! - low[i]!) * rng.next();
      volume[i] = rng.next() < 0.2 ? 0 : Math.round(rng.next() * 1000);
    }
    return { high, low, close: closeG, volume };
  };
  const same = (actual: Float64Array, expected: number[]): void => {
    expect(actual.length).toBe(expected.length);
    const firstDiff = expected.findIndex((e, i) => !Object.is(actual[i], e));
    expect(firstDiff).toBe(-1);
  };
  const lengths = Array.from({ length: 41 }, (_, n) => n);

  it.each(lengths)("vwap, %i bars (leading zero volumes shift where the blocks start)", (n) => {
    for (const leadingZeros of [0, 1, 2, 3, 5]) {
      const bars = gappy(n);
      for (let i = 0; i < Math.min(leadingZeros, n); i++) bars.volume[i] = 0;
      const expected: number[] = [];
      let pv = 0;
      let vol = 0;
      for (let i = 0; i < n; i++) {
        pv += (bars.high[i]! + bars.low[i]! + bars.close[i]!) * bars.volume[i]!;
        vol += bars.volume[i]!;
        expected.push(vol > 0 ? pv / (3 * vol) : NaN);
      }
      same(vwap(bars.high, bars.low, bars.close, bars.volume), expected);
    }
  });

  it.each(lengths)("atr and rsi, %i bars", (n) => {
    const bars = gappy(n);
    for (const p of [1, 2, 3, 14]) {
      const atrExpected: number[] = [];
      const rsiExpected: number[] = [];
      let avg = 0;
      let gain = 0;
      let loss = 0;
      for (let i = 0; i < n; i++) {
        if (i === 0) {
          atrExpected.push(NaN);
          rsiExpected.push(NaN);
          continue;
        }
        const pc = bars.close[i - 1]!;
        const tr = Math.max(bars.high[i]! - bars.low[i]!, Math.abs(bars.high[i]! - pc), Math.abs(bars.low[i]! - pc));
        const d = bars.close[i]! - pc;
        if (i < p) {
          avg += tr;
          gain += Math.max(d, 0);
          loss += Math.max(-d, 0);
        } else if (i === p) {
          avg = (avg + tr) / p;
          gain = (gain + Math.max(d, 0)) / p;
          loss = (loss + Math.max(-d, 0)) / p;
        } else {
          avg = (avg * (p - 1) + tr) * (1 / p);
          gain = (gain * (p - 1) + Math.max(d, 0)) * (1 / p);
          loss = (loss * (p - 1) + Math.max(-d, 0)) * (1 / p);
        }
        atrExpected.push(i < p ? NaN : avg);
        rsiExpected.push(i < p ? NaN : loss === 0 ? (gain === 0 ? 50 : 100) : (100 * gain) / (gain + loss));
      }
      same(atr(bars.high, bars.low, bars.close, p), atrExpected);
      same(rsi(bars.close, p), rsiExpected);
    }
  });
});

describe("numerical behaviour", () => {
  it("bollinger stays exact for large, calm prices where sum-of-squares cancels", () => {
    const rng = createRng(3);
    const n = 100_000;
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) values[i] = 1e7 + rng.normal() * 1e-3;
    const ours = bollinger(values, 20, 1);
    for (const i of [19, 777, 16_384, 50_001, n - 1]) {
      let mean = 0;
      for (let j = i - 19; j <= i; j++) mean += values[j]! - 1e7;
      mean /= 20;
      let m2 = 0;
      for (let j = i - 19; j <= i; j++) m2 += (values[j]! - 1e7 - mean) ** 2;
      const sd = Math.sqrt(m2 / 20);
      expect(Math.abs(ours.upper[i]! - ours.middle[i]! - sd) / sd).toBeLessThan(1e-3);
    }
  });

  it("sma shows no drift after a million bars", () => {
    const big = randomWalkColumns({ seed: 11, n: 1_000_000 }).close;
    const ours = sma(big, 20);
    for (const i of [19, 500_000, 999_999]) {
      let s = 0;
      for (let j = i - 19; j <= i; j++) s += big[j]!;
      expect(Math.abs(ours[i]! - s / 20)).toBeLessThan(1e-10);
    }
  });

  it("writes into a caller's buffer and gives the same values as a fresh one", () => {
    const buf = new Float64Array(close.length + 10).fill(-1);
    const r = ema(close, 20, buf);
    expect(r.buffer).toBe(buf.buffer);
    expect(Array.from(r)).toEqual(Array.from(ema(close, 20)));
    const bufs = { macd: new Float64Array(close.length), signal: new Float64Array(close.length), histogram: new Float64Array(close.length) };
    const m = macd(close, 12, 26, 9, bufs);
    expect(m.macd).toBe(bufs.macd);
    expect(Array.from(m.histogram)).toEqual(Array.from(macd(close, 12, 26, 9).histogram));
  });

  it("does not modify its inputs", () => {
    const copy = Float64Array.from(close);
    sma(close, 20);
    rsi(close, 14);
    bollinger(close, 20, 2);
    macd(close);
    expect(close).toEqual(copy);
  });
});
