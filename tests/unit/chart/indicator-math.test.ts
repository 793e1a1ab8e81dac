import { BollingerBands, EMA, MACD, RSI, SMA } from "technicalindicators";
import { bollinger, ema, macd, rsi, sma, vwap } from "@/components/chart/indicator-math";

/** A seeded random walk: the same closes on every run. */
function walk(n: number, seed = 7): Float64Array {
  let s = seed;
  const next = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const out = new Float64Array(n);
  let price = 100;
  for (let i = 0; i < n; i++) {
    price = Math.max(1, price * (1 + (next() - 0.5) * 0.04));
    out[i] = price;
  }
  return out;
}

const closes = walk(400);
const list = Array.from(closes);

/** The reference library returns only the defined tail; compare it with ours, aligned at the end. */
function expectTail(ours: Float64Array, reference: number[], digits = 8) {
  const warm = ours.length - reference.length;
  for (let i = 0; i < warm; i++) expect(Number.isNaN(ours[i])).toBe(true);
  reference.forEach((value, i) => expect(ours[warm + i]).toBeCloseTo(value, digits));
}

describe("indicator math", () => {
  it.each([5, 20, 50])("sma(%i) matches the reference", (period) => {
    expectTail(sma(closes, period), SMA.calculate({ period, values: list }));
  });

  it.each([9, 21])("ema(%i) matches the reference (SMA seed)", (period) => {
    expectTail(ema(closes, period), EMA.calculate({ period, values: list }));
  });

  it("rsi(14) matches the reference within its 2-decimal rounding", () => {
    expectTail(rsi(closes, 14), RSI.calculate({ period: 14, values: list }), 1);
  });

  it("bollinger(20, 2) matches the reference", () => {
    const ours = bollinger(closes, 20, 2);
    const ref = BollingerBands.calculate({ period: 20, stdDev: 2, values: list });
    expectTail(ours.middle, ref.map((r) => r.middle));
    expectTail(ours.upper, ref.map((r) => r.upper));
    expectTail(ours.lower, ref.map((r) => r.lower));
  });

  it("macd(12, 26, 9) matches the reference", () => {
    const ours = macd(closes, 12, 26, 9);
    const ref = MACD.calculate({ fastPeriod: 12, slowPeriod: 26, signalPeriod: 9, values: list, SimpleMAOscillator: false, SimpleMASignal: false });
    expectTail(ours.macd, ref.map((r) => r.MACD as number));
    const withSignal = ref.filter((r) => r.signal !== undefined);
    expectTail(ours.signal, withSignal.map((r) => r.signal as number));
    expectTail(ours.histogram, withSignal.map((r) => r.histogram as number));
  });

  it("rsi is 100 on a steady rise and 50 on a flat line", () => {
    const rising = Float64Array.from({ length: 30 }, (_, i) => 10 + i);
    expect(rsi(rising, 14)[29]).toBe(100);
    expect(rsi(new Float64Array(30).fill(5), 14)[29]).toBe(50);
  });

  it("a period longer than the data gives all NaN, never throws", () => {
    for (const out of [sma(closes.slice(0, 5), 10), ema(closes.slice(0, 5), 10), rsi(closes.slice(0, 5), 10)]) {
      expect(out).toHaveLength(5);
      expect(out.every(Number.isNaN)).toBe(true);
    }
  });

  it("vwap weights the typical price by volume and restarts each session", () => {
    const day = 86_400;
    const out = vwap({
      time: [0, 3600, day, day + 3600],
      high: [11, 21, 31, 41],
      low: [9, 19, 29, 39],
      close: [10, 20, 30, 40],
      volume: [1, 3, 2, 0],
      sessionSeconds: day,
    });
    expect(Array.from(out)).toEqual([10, (10 + 60) / 4, 30, 30]);
    const noVolume = vwap({ time: [0], high: [12], low: [6], close: [9], volume: [0], sessionSeconds: null });
    expect(noVolume[0]).toBe(9);
  });
});
