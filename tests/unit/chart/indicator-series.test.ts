import { isIntraday, TIMEFRAMES } from "@/lib/market/values";
import { columnsFromArrays } from "@/lib/analysis/columns";
import { vwapLine } from "@/components/chart/indicator-series";

const DAY = 86_400;

describe("isIntraday", () => {
  it("is true for bars shorter than a day only", () => {
    expect(TIMEFRAMES.filter(isIntraday)).toEqual(["1m", "5m", "15m", "30m", "1h", "4h"]);
  });
});

describe("the chart's VWAP line", () => {
  // Typical prices 10, 20, 30, 40; the last bar has no volume.
  const bars = {
    time: [0, 3600, DAY, DAY + 3600],
    open: [10, 20, 30, 40],
    high: [11, 21, 31, 41],
    low: [9, 19, 29, 39],
    close: [10, 20, 30, 40],
    volume: [1, 3, 2, 0],
  };

  it("restarts each UTC day on intraday bars", () => {
    expect(Array.from(vwapLine(columnsFromArrays(bars), "1h"))).toEqual([10, (10 + 60) / 4, 30, 30]);
  });

  it("is cumulative on daily and longer bars", () => {
    expect(Array.from(vwapLine(columnsFromArrays(bars), "1D"))).toEqual([10, 70 / 4, 130 / 6, 130 / 6]);
  });

  it("shows the typical price where the session has no volume yet", () => {
    const noVolume = columnsFromArrays({ ...bars, volume: [0, 0, 0, 0] });
    expect(Array.from(vwapLine(noVolume, "1h"))).toEqual([10, 20, 30, 40]);
    const lateVolume = columnsFromArrays({ ...bars, volume: [0, 2, 0, 1] });
    expect(Array.from(vwapLine(lateVolume, "1h"))).toEqual([10, 20, 30, 40]);
    expect(Array.from(vwapLine(lateVolume, "1D"))).toEqual([10, 20, 20, (40 + 40) / 3]);
  });
});
