import { detectCandlesticks } from "@/lib/analysis/candlesticks";
import { columnsFromArrays } from "@/lib/analysis/columns";
import { CANDLESTICK_NAMES, type CandleColumns, type CandlestickHit, type CandlestickName } from "@/lib/analysis/types";
import { randomWalkColumns } from "@/tests/support/generators/random-walk";

/** [open, high, low, close] as offsets from the last close of the lead-in. */
type Bar = readonly [number, number, number, number];
type Lead = "down" | "up";

const LEAD_BARS = 12;
const START_TIME = 1_700_006_400;
const STEP = 86_400;

/**
 * A lead-in of candles falling or rising bar after bar, bodies alternating 1.2 and 0.8 (average
 * exactly 1, range body + 0.5, so no lead-in candle sits on a threshold), then the pattern's
 * candles; every price times `scale`.
 */
function series(lead: Lead, bars: readonly Bar[], scale = 1): { cols: CandleColumns; last: number } {
  const rows: [number, number, number, number][] = [];
  let price = 100;
  for (let k = 0; k < LEAD_BARS; k++) {
    const body = k % 2 === 0 ? 1.2 : 0.8;
    const next = lead === "down" ? price - body : price + body;
    rows.push([price, Math.max(price, next) + 0.25, Math.min(price, next) - 0.25, next]);
    price = next;
  }
  const p = rows[rows.length - 1]![3];
  for (const [o, h, l, c] of bars) rows.push([p + o, p + h, p + l, p + c]);
  const cols = columnsFromArrays({
    time: rows.map((_, i) => START_TIME + i * STEP),
    open: rows.map((r) => r[0] * scale),
    high: rows.map((r) => r[1] * scale),
    low: rows.map((r) => r[2] * scale),
    close: rows.map((r) => r[3] * scale),
    volume: rows.map(() => 1000),
  });
  return { cols, last: START_TIME + (rows.length - 1) * STEP };
}

interface Case {
  name: CandlestickName;
  direction: "bullish" | "bearish" | "neutral";
  lead: Lead;
  bars: readonly Bar[];
  /** The same candles with one rule broken: the pattern must not be reported. */
  nearMiss: readonly Bar[];
  why: string;
}

const CASES: Case[] = [
  {
    name: "doji", direction: "neutral", lead: "down",
    bars: [[0, 0.7, -0.7, 0.1]],
    nearMiss: [[0, 0.7, -0.7, 0.2]], why: "body 0.2 is above 10% of the average range (0.15)",
  },
  {
    name: "hammer", direction: "bullish", lead: "down",
    bars: [[-0.2, 0.05, -2.2, 0]],
    nearMiss: [[-0.2, 0.5, -2.2, 0]], why: "upper shadow 0.5 is not very short",
  },
  {
    name: "hanging_man", direction: "bearish", lead: "up",
    bars: [[-0.2, 0.05, -2.2, 0]],
    nearMiss: [[-0.2, 0.05, -0.9, 0]], why: "lower shadow 0.7 is shorter than the average body",
  },
  {
    name: "inverted_hammer", direction: "bullish", lead: "down",
    bars: [[0, 2.2, -0.05, 0.2]],
    nearMiss: [[0, 2.2, -0.5, 0.2]], why: "lower shadow 0.5 is not very short",
  },
  {
    name: "shooting_star", direction: "bearish", lead: "up",
    bars: [[0.2, 2.2, -0.05, 0]],
    nearMiss: [[0.2, 1.9, -0.05, -1.2]], why: "body 1.4 is long",
  },
  {
    name: "bullish_engulfing", direction: "bullish", lead: "down",
    bars: [[-0.1, 1.4, -0.2, 1.3]],
    nearMiss: [[-0.1, 0.7, -0.2, 0.6]], why: "closes below the previous open",
  },
  {
    name: "bearish_engulfing", direction: "bearish", lead: "up",
    bars: [[0.1, 0.2, -1.4, -1.3]],
    nearMiss: [[-0.1, 0.2, -1.4, -1.3]], why: "opens below the previous close",
  },
  {
    name: "bullish_harami", direction: "bullish", lead: "down",
    bars: [[0, 0.1, -2.1, -2], [-1.6, -0.8, -1.7, -0.9]],
    nearMiss: [[0, 0.1, -2.1, -2], [-1.6, 0.4, -1.7, 0.3]], why: "the second body rises above the first",
  },
  {
    name: "bearish_harami", direction: "bearish", lead: "up",
    bars: [[0, 2.1, -0.1, 2], [1.6, 1.7, 0.8, 0.9]],
    nearMiss: [[0.85, 1.7, 0.8, 1.65], [1.6, 1.7, 0.8, 0.9]], why: "the first candle is short",
  },
  {
    name: "piercing_line", direction: "bullish", lead: "down",
    bars: [[0, 0.1, -2.1, -2], [-2.3, -0.6, -2.4, -0.7]],
    nearMiss: [[0, 0.1, -2.1, -2], [-2.3, -1.1, -2.4, -1.2]], why: "closes below the first body's midpoint",
  },
  {
    name: "dark_cloud_cover", direction: "bearish", lead: "up",
    bars: [[0, 2.1, -0.1, 2], [2.3, 2.4, 0.6, 0.7]],
    nearMiss: [[0, 2.1, -0.1, 2], [2.05, 2.1, 0.6, 0.7]], why: "does not open above the first candle's high",
  },
  {
    name: "morning_star", direction: "bullish", lead: "down",
    bars: [[0, 0.1, -2.1, -2], [-2.1, -2, -2.5, -2.3], [-2.2, -0.9, -2.3, -1]],
    nearMiss: [[0, 0.1, -2.1, -2], [-2.1, -2, -2.5, -2.3], [-2.2, -1.5, -2.3, -1.6]], why: "the third candle closes too little into the first body",
  },
  {
    name: "evening_star", direction: "bearish", lead: "up",
    bars: [[0, 2.1, -0.1, 2], [2.1, 2.5, 2, 2.3], [2.2, 2.3, 0.9, 1]],
    nearMiss: [[0, 2.1, -0.1, 2], [1.9, 2.5, 1.1, 1.2], [2.2, 2.3, 0.9, 1]], why: "the star's body reaches back into the first body",
  },
  {
    name: "three_white_soldiers", direction: "bullish", lead: "down",
    bars: [[0, 1.6, -0.1, 1.5], [0.7, 2.5, 0.6, 2.4], [1.6, 3.4, 1.5, 3.3]],
    nearMiss: [[0, 1.6, -0.1, 1.5], [0.7, 2.5, 0.6, 2.4], [1.6, 4.3, 1.5, 3.3]], why: "the third closes far below its high",
  },
  {
    name: "three_black_crows", direction: "bearish", lead: "up",
    bars: [[0, 0.1, -1.6, -1.5], [-0.7, -0.6, -2.5, -2.4], [-1.6, -1.5, -3.4, -3.3]],
    nearMiss: [[0, 0.1, -1.6, -1.5], [-0.7, -0.6, -2.5, -2.4], [-2.6, -2.5, -3.4, -3.3]], why: "the third opens below the second body",
  },
];

const at = (hits: CandlestickHit[], time: number): CandlestickHit[] => hits.filter((h) => h.time === time);

describe("detectCandlesticks on constructed candles", () => {
  it("has a constructed case for every contract name", () => {
    expect(CASES.map((c) => c.name).sort()).toEqual([...CANDLESTICK_NAMES].sort());
  });

  describe.each(CASES)("$name", (c) => {
    it.each([1, 0.01, 100])(`is reported as ${c.direction} at the last candle's time (prices x %p)`, (scale) => {
      const { cols, last } = series(c.lead, c.bars, scale);
      expect(at(detectCandlesticks(cols), last)).toContainEqual({ name: c.name, time: last, direction: c.direction });
    });

    it(`is not reported when ${c.why}`, () => {
      const { cols, last } = series(c.lead, c.nearMiss);
      expect(at(detectCandlesticks(cols), last).map((h) => h.name)).not.toContain(c.name);
    });

    it("gives the same hits at price 1 and price 10,000", () => {
      const small = series(c.lead, c.bars, 0.01);
      const large = series(c.lead, c.bars, 100);
      expect(detectCandlesticks(small.cols)).toEqual(detectCandlesticks(large.cols));
    });
  });

  it("tells hammer from hanging man, and inverted hammer from shooting star, by the preceding trend", () => {
    const hammer: Bar = [-0.2, 0.05, -2.2, 0];
    const inverted: Bar = [0, 2.2, -0.05, 0.2];
    const names = (lead: Lead, bar: Bar) => {
      const { cols, last } = series(lead, [bar]);
      return at(detectCandlesticks(cols), last).map((h) => h.name);
    };
    expect(names("down", hammer)).toContain("hammer");
    expect(names("down", hammer)).not.toContain("hanging_man");
    expect(names("up", hammer)).toContain("hanging_man");
    expect(names("up", hammer)).not.toContain("hammer");
    expect(names("down", inverted)).toContain("inverted_hammer");
    expect(names("up", inverted)).toContain("shooting_star");
    expect(names("up", inverted)).not.toContain("inverted_hammer");
  });

  it("does not call it a morning star when the star's body reaches back into the first body", () => {
    const { cols, last } = series("down", [[0, 0.1, -2.1, -2], [-1.2, -1.1, -2.5, -1.9], [-2.2, -0.9, -2.3, -1]]);
    expect(at(detectCandlesticks(cols), last).map((h) => h.name)).not.toContain("morning_star");
  });

  it("needs a trend for reversals: an engulfing candle after a flat stretch is not reported", () => {
    const rows = Array.from({ length: 14 }, (_, i) => (i % 2 === 0 ? [100, 100.8, 99.2, 100.5] : [100.5, 100.8, 99.2, 100]));
    rows.push([99.9, 101.2, 99.8, 101.1]);
    const cols = columnsFromArrays({
      time: rows.map((_, i) => START_TIME + i * STEP),
      open: rows.map((r) => r[0]!),
      high: rows.map((r) => r[1]!),
      low: rows.map((r) => r[2]!),
      close: rows.map((r) => r[3]!),
    });
    expect(detectCandlesticks(cols).map((h) => h.name)).not.toContain("bullish_engulfing");
  });

  it("reports nothing without a full average window", () => {
    const { cols } = series("down", [[0, 0.7, -0.7, 0.05]]);
    const short = columnsFromArrays({ time: cols.time.slice(0, 10), open: cols.open.slice(0, 10), high: cols.high.slice(0, 10), low: cols.low.slice(0, 10), close: cols.close.slice(0, 10) });
    expect(detectCandlesticks(short)).toEqual([]);
    expect(detectCandlesticks(columnsFromArrays({ time: [], open: [], high: [], low: [], close: [] }))).toEqual([]);
    expect(() => detectCandlesticks(cols, { averagePeriod: 0 })).toThrow(RangeError);
  });
});

describe("detectCandlesticks on a seeded random walk", () => {
  const cols = randomWalkColumns({ seed: 4242, n: 20_000 });
  const hits = detectCandlesticks(cols);

  it("finds every kind, oldest first, with the contract's direction for each name", () => {
    expect(new Set(hits.map((h) => h.name))).toEqual(new Set(CANDLESTICK_NAMES));
    for (let i = 1; i < hits.length; i++) expect(hits[i]!.time).toBeGreaterThanOrEqual(hits[i - 1]!.time);
    const bullish = new Set(["bullish_engulfing", "hammer", "inverted_hammer", "morning_star", "three_white_soldiers", "bullish_harami", "piercing_line"]);
    for (const h of hits) {
      expect(h.direction).toBe(h.name === "doji" ? "neutral" : bullish.has(h.name) ? "bullish" : "bearish");
    }
  });

  it.each([1024, 1 / 64, 10_000])("gives identical hits when every price is multiplied by %p", (factor) => {
    const scale = (a: Float64Array) => a.map((v) => v * factor);
    const scaled = { ...cols, open: scale(cols.open), high: scale(cols.high), low: scale(cols.low), close: scale(cols.close) };
    expect(detectCandlesticks(scaled)).toEqual(hits);
  });

  it("each hit's time is a bar of the series", () => {
    const times = new Set(cols.time);
    expect(hits.every((h) => times.has(h.time))).toBe(true);
  });
});
