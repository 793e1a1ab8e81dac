import { DARK_PALETTE, LIGHT_PALETTE, indicatorColors, indicatorIds } from "@/components/chart/theme";
import type { DrawingCommand } from "@/lib/commands/schema";

describe("indicator colours", () => {
  it("gives every indicator on a chart its own colour until the palette runs out", () => {
    for (const palette of [DARK_PALETTE, LIGHT_PALETTE]) {
      const ids = Array.from({ length: palette.indicators.length }, (_, i) => `ind-${i}`);
      const colors = indicatorColors(palette, ids);
      expect(new Set(colors.values()).size).toBe(ids.length);
      for (const c of colors.values()) expect(palette.indicators).toContain(c);
    }
  });

  it("separates SMA 20 and Bollinger 20 whatever their ids hash to", () => {
    // Ids that hash to the same palette slot: the second must move to another colour.
    const first = indicatorColors(DARK_PALETTE, ["sma-20"]).get("sma-20");
    let clash = "";
    for (let i = 0; i < 200 && !clash; i++) {
      const id = `bollinger-${i}`;
      if (indicatorColors(DARK_PALETTE, [id]).get(id) === first) clash = id;
    }
    expect(clash).not.toBe("");
    const both = indicatorColors(DARK_PALETTE, ["sma-20", clash]);
    expect(both.get("sma-20")).toBe(first);
    expect(both.get(clash)).not.toBe(first);
  });

  it("is stable for a given drawing order and keeps an indicator's colour when a later one is added", () => {
    const before = indicatorColors(LIGHT_PALETTE, ["a", "b"]);
    const after = indicatorColors(LIGHT_PALETTE, ["a", "b", "c"]);
    expect(after.get("a")).toBe(before.get("a"));
    expect(after.get("b")).toBe(before.get("b"));
  });

  it("takes the indicator drawings' ids in drawing order", () => {
    const drawings: DrawingCommand[] = [
      { type: "indicator", id: "i1", name: "sma", params: { period: 50 } },
      { type: "horizontal_line", id: "h", price: 10, role: "support", label: "S" },
      { type: "indicator", id: "i2", name: "rsi", params: { period: 14 } },
    ];
    expect(indicatorIds(drawings)).toEqual(["i1", "i2"]);
  });
});
