import { analysisContext, trendlines } from "@/lib/analysis/analyze";
import { anchorColumns } from "@/tests/support/generators/anchors";

describe("trendlines", () => {
  it("draws the support line through three rising swing lows", () => {
    // Lows at 100, 110, 120 every 20 bars (slope 0.5 per bar); highs irregular.
    const cols = anchorColumns([100, 125, 110, 128, 120, 140], 10);
    const lines = trendlines(analysisContext(cols));
    const support = lines.find((l) => l.role === "support" || l.role === "channel_lower");
    expect(support).toBeDefined();
    expect(support!.touches).toBe(3);
    expect(support!.slope_per_bar).toBeCloseTo(0.5, 2);
    expect(support!.start).toEqual({ time: cols.time[0], price: expect.closeTo(99.8, 2) });
    // Held to the last bar, so it is drawn to it.
    expect(support!.end.time).toBe(cols.time[cols.length - 1]);
  });

  it("reports a parallel rising channel as channel_upper and channel_lower", () => {
    const cols = anchorColumns([100, 120, 105, 125, 110, 130, 115, 135, 125], 10);
    const roles = trendlines(analysisContext(cols)).map((l) => l.role);
    expect(roles).toContain("channel_upper");
    expect(roles).toContain("channel_lower");
  });

  it("needs three touches: two swings make no line", () => {
    const cols = anchorColumns([100, 125, 110, 140], 10);
    expect(trendlines(analysisContext(cols))).toEqual([]);
  });

  it("does not draw a line that closes broke between its touches", () => {
    // Lows 100, (a dip to 95 closing far below the line), 110, 120 on the 0.5 per bar line.
    const cols = anchorColumns([100, 125, 95, 128, 110, 130, 120, 140], 10);
    const lines = trendlines(analysisContext(cols)).filter((l) => l.role === "support" || l.role === "channel_lower");
    for (const l of lines) expect(l.start.time).not.toBe(cols.time[0]);
  });
});
