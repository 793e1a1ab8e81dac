import { barCalendar, newYorkOffsetSeconds, usSessionOpen, weekday } from "@/lib/market/sessions";
import { TIMEFRAMES } from "@/lib/market/values";

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
const sec = (iso: string) => Date.parse(iso) / 1000;

describe("New York time", () => {
  it("switches between EST and EDT on the US dates", () => {
    expect(newYorkOffsetSeconds(day("2026-03-07"))).toBe(-5 * 3600);
    expect(newYorkOffsetSeconds(day("2026-03-09"))).toBe(-4 * 3600); // after the second Sunday of March
    expect(newYorkOffsetSeconds(day("2026-10-30"))).toBe(-4 * 3600);
    expect(newYorkOffsetSeconds(day("2026-11-02"))).toBe(-5 * 3600); // after the first Sunday of November
    expect(newYorkOffsetSeconds(day("2005-03-20"))).toBe(-5 * 3600); // old rule: April to October
    expect(newYorkOffsetSeconds(day("2005-04-04"))).toBe(-4 * 3600);
  });

  it("opens the cash session at 09:30 local", () => {
    expect(new Date(usSessionOpen(day("2026-01-15")) * 1000).toISOString()).toBe("2026-01-15T14:30:00.000Z");
    expect(new Date(usSessionOpen(day("2026-07-15")) * 1000).toISOString()).toBe("2026-07-15T13:30:00.000Z");
  });
});

describe("bar calendars", () => {
  it("round-trips every bar of every calendar: once a bar's session has opened, it is the latest bar", () => {
    for (const kind of ["us_equity", "fx_24x5", "crypto_24x7"] as const) {
      for (const tf of TIMEFRAMES) {
        const cal = barCalendar(kind, tf);
        // A US daily bar is stamped 00:00 UTC but exists from the 09:30 New York open.
        const opensAfterStamp = kind === "us_equity" && ["1D", "1W", "1M"].includes(tf) ? 15 * 3600 : 0;
        const last = cal.latestIndex(sec("2026-11-24T15:00:00Z"));
        for (let i = last - 300; i <= last; i++) {
          expect(cal.latestIndex(cal.timeOf(i) + opensAfterStamp)).toBe(i);
          expect(cal.timeOf(i + 1)).toBeGreaterThan(cal.timeOf(i));
        }
      }
    }
  });

  it("has no US equity bar before the open or after the close, and the last bar before the open is yesterday's", () => {
    const cal = barCalendar("us_equity", "1h");
    const beforeOpen = cal.timeOf(cal.latestIndex(sec("2026-11-24T14:00:00Z")));
    expect(new Date(beforeOpen * 1000).toISOString()).toBe("2026-11-23T20:30:00.000Z"); // Monday 15:30 EST
    const weekend = cal.timeOf(cal.latestIndex(sec("2026-11-29T12:00:00Z")));
    expect(new Date(weekend * 1000).toISOString()).toBe("2026-11-27T20:30:00.000Z"); // Friday's last bar
  });

  it("runs forex from Sunday 22:00 UTC to Friday 22:00 UTC", () => {
    const cal = barCalendar("fx_24x5", "1h");
    const sat = cal.timeOf(cal.latestIndex(sec("2026-11-28T12:00:00Z")));
    expect(new Date(sat * 1000).toISOString()).toBe("2026-11-27T21:00:00.000Z");
    const sunOpen = cal.timeOf(cal.latestIndex(sec("2026-11-29T22:30:00Z")));
    expect(new Date(sunOpen * 1000).toISOString()).toBe("2026-11-29T22:00:00.000Z");
  });

  it("stamps daily, weekly and monthly bars at 00:00 UTC of their first session date", () => {
    const now = sec("2026-11-24T15:00:00Z");
    const daily = barCalendar("us_equity", "1D");
    const weekly = barCalendar("us_equity", "1W");
    const monthly = barCalendar("us_equity", "1M");
    for (let i = 0; i < 200; i++) {
      const d = daily.timeOf(daily.latestIndex(now) - i);
      expect(d % 86_400).toBe(0);
      expect(weekday(d / 86_400)).toBeLessThan(5);
      expect(weekday(weekly.timeOf(weekly.latestIndex(now) - i) / 86_400)).toBe(0);
      const m = new Date(monthly.timeOf(monthly.latestIndex(now) - i) * 1000);
      expect(m.getUTCDate()).toBeLessThanOrEqual(3); // the 1st, or the Monday after a weekend 1st
      expect(weekday(m.getTime() / 86_400_000)).toBeLessThan(5);
    }
    // November 2026 begins on a Sunday: its first session is Monday the 2nd.
    expect(new Date(monthly.timeOf(monthly.latestIndex(now)) * 1000).toISOString()).toBe("2026-11-02T00:00:00.000Z");
  });
});
