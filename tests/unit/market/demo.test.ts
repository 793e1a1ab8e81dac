import { DemoProvider } from "@/lib/market/demo/provider";
import { newYorkOffsetSeconds } from "@/lib/market/sessions";
import { CandleSchema, type Candle } from "@/lib/market/types";
import { TIMEFRAMES, type Timeframe } from "@/lib/market/values";

const NOW = Date.parse("2026-11-24T15:00:00Z");
const at = (ms: number) => new DemoProvider({ now: () => ms });
const demo = at(NOW);

function nyClock(t: number): { minutes: number; weekday: number } {
  const day = Math.floor(t / 86_400);
  const local = t + newYorkOffsetSeconds(day);
  const d = new Date(local * 1000);
  return { minutes: d.getUTCHours() * 60 + d.getUTCMinutes(), weekday: d.getUTCDay() };
}

describe("demo provider", () => {
  it("is deterministic per symbol and timeframe, and different symbols differ", async () => {
    const a = await demo.candles("TSLA", "1D", 500);
    const b = await at(NOW).candles("TSLA", "1D", 500);
    expect(b).toEqual(a);
    const other = await demo.candles("NVDA", "1D", 500);
    expect(other.map((c) => c.close)).not.toEqual(a.map((c) => c.close));
    const otherTf = await demo.candles("TSLA", "1h", 500);
    expect(otherTf.map((c) => c.close)).not.toEqual(a.map((c) => c.close));
  });

  it.each(["TSLA", "BTC-USD", "EURUSD=X", "^GSPC", "GC=F", "ZZQX", "BRK.B", "DOGE-USD"])("gives valid candles on every timeframe for %s", async (symbol) => {
    for (const tf of TIMEFRAMES) {
      const candles = await demo.candles(symbol, tf, 1500);
      expect(candles).toHaveLength(1500);
      const bad = candles.filter(
        (c, i) =>
          !CandleSchema.safeParse(c).success ||
          c.high < Math.max(c.open, c.close) ||
          c.low > Math.min(c.open, c.close) ||
          !(c.low > 0) ||
          !(c.volume >= 0) ||
          !Number.isInteger(c.time) ||
          (i > 0 && c.time <= candles[i - 1]!.time),
      );
      expect({ tf, bad: bad.slice(0, 3) }).toEqual({ tf, bad: [] });
      expect(candles[candles.length - 1]!.time).toBeLessThanOrEqual(NOW / 1000);
    }
  });

  it("keeps US equity 1h bars inside the New York session in both EST and EDT, on weekdays only", async () => {
    // 5,000 hourly bars reach back about two and a half years: many DST switches.
    const bars = await demo.candles("AAPL", "1h", 5000);
    const opens = new Set<number>();
    let summer = 0;
    let winter = 0;
    let outside = 0;
    for (const c of bars) {
      const { minutes, weekday } = nyClock(c.time);
      if (weekday < 1 || weekday > 5 || minutes < 9 * 60 + 30 || minutes >= 16 * 60) outside++;
      opens.add(minutes);
      if (newYorkOffsetSeconds(Math.floor(c.time / 86_400)) === -4 * 3600) summer++;
      else winter++;
    }
    expect(outside).toBe(0);
    expect([...opens].sort((a, b) => a - b)).toEqual([570, 630, 690, 750, 810, 870, 930]);
    expect(summer).toBeGreaterThan(1000);
    expect(winter).toBeGreaterThan(1000);
  });

  it("trades crypto at weekends and stamps daily bars at 00:00 UTC", async () => {
    const btc = await demo.candles("BTC-USD", "1h", 500);
    expect(btc.some((c) => [0, 6].includes(new Date(c.time * 1000).getUTCDay()))).toBe(true);
    expect(btc[btc.length - 1]!.time).toBe(Date.parse("2026-11-24T15:00:00Z") / 1000);
    for (const symbol of ["TSLA", "BTC-USD", "EURUSD=X"]) {
      for (const tf of ["1D", "1W", "1M"] as Timeframe[]) {
        for (const c of await demo.candles(symbol, tf, 300)) expect(c.time % 86_400).toBe(0);
      }
    }
    const daily = await demo.candles("TSLA", "1D", 300);
    expect(daily.every((c) => ![0, 6].includes(new Date(c.time * 1000).getUTCDay()))).toBe(true);
  });

  it("ends at the bar open now: today's US daily bar only after the 09:30 New York open", async () => {
    const before = await at(Date.parse("2026-11-24T14:00:00Z")).candles("TSLA", "1D", 1);
    const after = await at(Date.parse("2026-11-24T14:31:00Z")).candles("TSLA", "1D", 1);
    expect(new Date(before[0]!.time * 1000).toISOString()).toBe("2026-11-23T00:00:00.000Z");
    expect(new Date(after[0]!.time * 1000).toISOString()).toBe("2026-11-24T00:00:00.000Z");
  });

  it("stays in realistic ranges for known symbols", async () => {
    const bands: Record<string, [number, number]> = { TSLA: [180, 480], "BTC-USD": [60_000, 120_000], "^GSPC": [5000, 7000], "EURUSD=X": [1.0, 1.2] };
    for (const [symbol, [lo, hi]] of Object.entries(bands)) {
      for (const tf of TIMEFRAMES) {
        const candles = await demo.candles(symbol, tf, 2000);
        const outside = candles.filter((c) => c.low < lo || c.high > hi);
        expect({ symbol, tf, outside: outside.slice(0, 2) }).toEqual({ symbol, tf, outside: [] });
      }
    }
  });

  it("moves like its asset class: stocks more than indices, indices more than forex", async () => {
    const meanAbsReturn = (cs: Candle[]) => cs.slice(1).reduce((s, c, i) => s + Math.abs(Math.log(c.close / cs[i]!.close)), 0) / (cs.length - 1);
    const tsla = meanAbsReturn(await demo.candles("TSLA", "1D", 2000));
    const spx = meanAbsReturn(await demo.candles("^GSPC", "1D", 2000));
    const eur = meanAbsReturn(await demo.candles("EURUSD=X", "1D", 2000));
    expect(tsla).toBeGreaterThan(spx * 1.5);
    expect(spx).toBeGreaterThan(eur);
  });

  it("has swings: the close path turns many times and covers a real range", async () => {
    const closes = (await demo.candles("MSFT", "1D", 500)).map((c) => c.close);
    let turns = 0;
    let dir = 0;
    let pivot = closes[0]!;
    // A zigzag with a 4% threshold: count the swings that reverse.
    for (const c of closes) {
      const move = (c - pivot) / pivot;
      const next = move < -0.04 && dir >= 0 ? -1 : move > 0.04 && dir <= 0 ? 1 : 0;
      if (next !== 0) {
        if (dir !== 0) turns++;
        dir = next;
        pivot = c;
      } else if ((dir > 0 && c > pivot) || (dir < 0 && c < pivot)) {
        pivot = c;
      }
    }
    expect(turns).toBeGreaterThan(6);
    expect(Math.max(...closes) / Math.min(...closes)).toBeGreaterThan(1.15);
  });

  it("trades more volume on wider bars", async () => {
    const bars = await demo.candles("AMZN", "1D", 3000);
    const ranges = bars.map((c) => Math.log(c.high / c.low));
    const sorted = [...ranges].sort((a, b) => a - b);
    const cut = sorted[Math.floor(sorted.length / 2)]!;
    const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const wide = avg(bars.filter((_, i) => ranges[i]! > cut).map((c) => c.volume));
    const narrow = avg(bars.filter((_, i) => ranges[i]! <= cut).map((c) => c.volume));
    expect(wide).toBeGreaterThan(narrow * 1.3);
  });

  it("keeps existing bars unchanged as time advances", async () => {
    for (const [symbol, tf, stepMs] of [
      ["TSLA", "5m", 3 * 3600_000],
      ["BTC-USD", "1h", 5 * 86_400_000],
      ["EURUSD=X", "1D", 40 * 86_400_000],
      ["^GSPC", "1M", 200 * 86_400_000],
    ] as const) {
      const early = await at(NOW).candles(symbol, tf, 2000);
      const later = await at(NOW + stepMs).candles(symbol, tf, 2000);
      const byTime = new Map(later.map((c) => [c.time, c]));
      // A month in progress is still forming (it aggregates the days so far); every bar before it is final.
      const shared = (tf === "1M" ? early.slice(0, -1) : early).filter((c) => byTime.has(c.time));
      expect(shared.length).toBeGreaterThan(100);
      for (const c of shared) expect(byTime.get(c.time)).toEqual(c);
      expect(later[later.length - 1]!.time).toBeGreaterThan(early[early.length - 1]!.time);
    }
  });

  it("serves any limit from 1 to 5,000 as the newest bars", async () => {
    const big = await demo.candles("QQQ", "15m", 5000);
    const small = await demo.candles("QQQ", "15m", 7);
    expect(big).toHaveLength(5000);
    expect(small).toEqual(big.slice(-7));
  });

  it("quotes the last daily close and its change against the previous close", async () => {
    const q = await demo.quote("TSLA");
    const [prev, last] = await demo.candles("TSLA", "1D", 2);
    expect(q).toMatchObject({ symbol: "TSLA", price: last!.close, source: "demo" });
    expect(q.change).toBeCloseTo(last!.close - prev!.close, 2);
    expect(q.changePercent).toBeCloseTo(((last!.close - prev!.close) / prev!.close) * 100, 1);
    expect(q.time).toBeLessThanOrEqual(NOW / 1000);
  });

});
