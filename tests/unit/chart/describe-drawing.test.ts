import { describeDrawing, formatPrice, indicatorTitle } from "@/components/drawings/describe-drawing";

describe("describeDrawing", () => {
  it("gives every drawing type a label and a short detail", () => {
    expect(describeDrawing({ type: "horizontal_line", id: "a", price: 212.4, role: "support", label: "Support 212.40" })).toEqual({
      label: "Support 212.40",
      detail: "212.40",
    });
    expect(describeDrawing({ type: "zone", id: "z", from_price: 250, to_price: 240, role: "resistance", label: "" })).toEqual({
      label: "Resistance zone",
      detail: "240.00 – 250.00",
    });
    expect(
      describeDrawing({ type: "pattern", id: "p", name: "head_and_shoulders", points: [], direction: "bearish", confidence: 0.7, label: "", target: 80 }),
    ).toEqual({ label: "Head and shoulders", detail: "bearish, 70%, target 80.00" });
    expect(describeDrawing({ type: "marker", id: "m", time: 1_700_000_000, position: "above", shape: "circle" }).label).toBe("Marker 2023-11-14");
    expect(describeDrawing({ type: "indicator", id: "i", name: "macd", params: { fast: 12, slow: 26, signal: 9 } }).label).toBe("MACD 12, 26, 9");
    expect(
      describeDrawing({ type: "fibonacci", id: "f", start: { time: 1, price: 100 }, end: { time: 2, price: 200 } }).detail,
    ).toBe("100.00 → 200.00");
  });

  it("formats sub-dollar prices with significant digits", () => {
    expect(formatPrice(1.08342)).toBe("1.08");
    expect(formatPrice(0.012345)).toBe("0.01235");
    expect(indicatorTitle("vwap", {})).toBe("VWAP");
  });
});
