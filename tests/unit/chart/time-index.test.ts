import { TimeIndex } from "@/components/chart/time-index";

describe("TimeIndex", () => {
  // Weekdays only: a gap over the weekend, as daily stock bars have.
  const DAY = 86_400;
  const times = [0, 1, 2, 3, 4, 7, 8, 9, 10, 11].map((d) => d * DAY);
  const index = new TimeIndex(times);

  it("finds the bar at or before a time", () => {
    expect(index.atOrBefore(-1)).toBe(-1);
    expect(index.atOrBefore(0)).toBe(0);
    expect(index.atOrBefore(5 * DAY)).toBe(4);
    expect(index.atOrBefore(7 * DAY)).toBe(5);
    expect(index.atOrBefore(100 * DAY)).toBe(9);
  });

  it("maps bar times to their index and interpolates between bars", () => {
    expect(index.logical(3 * DAY)).toBe(3);
    expect(index.logical(7 * DAY)).toBe(5);
    expect(index.logical(5.5 * DAY)).toBeCloseTo(4 + 1.5 / 3);
  });

  it("extrapolates past both ends by the average bar spacing", () => {
    const step = (11 * DAY) / 9;
    expect(index.logical(11 * DAY + step * 3)).toBeCloseTo(12);
    expect(index.logical(-step * 2)).toBeCloseTo(-2);
  });

  it("has no logical index without bars", () => {
    expect(new TimeIndex([]).logical(5)).toBeNull();
    expect(new TimeIndex([]).atOrBefore(5)).toBe(-1);
  });
});
