import { DARK_PALETTE, LIGHT_PALETTE, directionColor, drawingTone, markerColor, roleColor } from "@/components/chart/theme";
import type { DrawingCommand } from "@/lib/commands/schema";

const at = (time: number, price: number) => ({ time, price });

describe("drawing tones", () => {
  it("gives the list's swatch the colour the chart draws the drawing in", () => {
    const cases: [DrawingCommand, string][] = [
      [{ type: "horizontal_line", id: "a", price: 10, role: "support", label: "Support 10" }, "support"],
      [{ type: "horizontal_line", id: "b", price: 10, role: "level", label: "Level 10" }, "level"],
      [{ type: "zone", id: "c", from_price: 9, to_price: 11, role: "resistance", label: "Zone" }, "resistance"],
      [{ type: "trendline", id: "d", start: at(1, 10), end: at(2, 11), role: "channel_lower", label: "Lower", extend: "none" }, "support"],
      [{ type: "trendline", id: "e", start: at(1, 10), end: at(2, 11), role: "channel_upper", label: "Upper", extend: "none" }, "resistance"],
      [{ type: "pattern", id: "f", name: "double_top", points: [at(1, 10), at(2, 11)], direction: "bearish", confidence: 0.8, label: "Double top" }, "resistance"],
      [{ type: "pattern", id: "g", name: "horizontal_channel", points: [at(1, 10), at(2, 11)], direction: "neutral", confidence: 0.5, label: "Channel" }, "neutral"],
      [{ type: "marker", id: "h", time: 1, position: "below", shape: "arrow_up" }, "support"],
      [{ type: "marker", id: "i", time: 1, position: "above", shape: "circle" }, "marker"],
      [{ type: "fibonacci", id: "j", start: at(1, 10), end: at(2, 11) }, "fibonacci"],
      [{ type: "indicator", id: "k", name: "vwap", params: {} }, "indicator"],
    ];
    for (const [d, tone] of cases) expect([d.id, drawingTone(d)]).toEqual([d.id, tone]);
  });

  it("colours roles, directions and markers from the palette entry of their tone", () => {
    for (const p of [DARK_PALETTE, LIGHT_PALETTE]) {
      expect([roleColor(p, "support"), roleColor(p, "channel_upper"), roleColor(p, "level")]).toEqual([p.support, p.resistance, p.level]);
      expect([directionColor(p, "bullish"), directionColor(p, "bearish"), directionColor(p, "neutral")]).toEqual([p.support, p.resistance, p.neutral]);
      expect([markerColor(p, "arrow_up"), markerColor(p, "arrow_down"), markerColor(p, "circle")]).toEqual([p.support, p.resistance, p.marker]);
    }
  });
});
