import { fibonacciLevels, fibonacciShapes, patternShapes, trendlineShapes, zoneShapes, type Projection } from "@/components/chart/primitives/drawing-shapes";
import type { Shape } from "@/components/chart/primitives/shapes";
import { DARK_PALETTE as P } from "@/components/chart/theme";
import type { FibonacciCommand, PatternCommand, TrendlineCommand, ZoneCommand } from "@/lib/commands/schema";

/** A linear projection: time 0..100 → x 0..500, price 0..200 → y 400..0; the pane is 800 wide. */
const proj: Projection = { x: (t) => t * 5, y: (p) => 400 - p * 2, width: 800 };
const blind: Projection = { x: () => null, y: () => null, width: 800 };

const of = <K extends Shape["kind"]>(shapes: Shape[], kind: K) => shapes.filter((s): s is Extract<Shape, { kind: K }> => s.kind === kind);

describe("drawing shapes", () => {
  const trend: TrendlineCommand = {
    type: "trendline",
    id: "t",
    start: { time: 10, price: 50 },
    end: { time: 20, price: 60 },
    role: "support",
    label: "Rising support",
    extend: "none",
  };

  it("a trendline runs between its points, in the role's colour", () => {
    const [line] = of(trendlineShapes(trend, proj, P), "polyline");
    expect(line?.points).toEqual([{ x: 50, y: 300 }, { x: 100, y: 280 }]);
    expect(line?.color).toBe(P.support);
    expect(of(trendlineShapes(trend, proj, P), "text")[0]?.text).toBe("Rising support");
  });

  it("extend right reaches the pane's right edge on the same slope; both also the left", () => {
    const [right] = of(trendlineShapes({ ...trend, extend: "right" }, proj, P), "polyline");
    expect(right?.points[1]).toEqual({ x: 800, y: 300 - (20 / 50) * 750 });
    const [both] = of(trendlineShapes({ ...trend, extend: "both", role: "resistance" }, proj, P), "polyline");
    expect(both?.points[0]).toEqual({ x: 0, y: 320 });
    expect(both?.color).toBe(P.resistance);
  });

  it("a zone is a translucent band between its prices, full width without times", () => {
    const zone: ZoneCommand = { type: "zone", id: "z", from_price: 60, to_price: 40, role: "resistance", label: "Supply" };
    const [rect] = of(zoneShapes(zone, proj, P), "rect");
    expect(rect).toMatchObject({ x1: 0, x2: 800, y1: 280, y2: 320 });
    expect(rect?.fill).toMatch(/^rgba\(/);
    const [bounded] = of(zoneShapes({ ...zone, from_time: 10, to_time: 30 }, proj, P), "rect");
    expect(bounded).toMatchObject({ x1: 50, x2: 150 });
  });

  it("a pattern outlines every point, dashes its neckline and labels name and confidence", () => {
    const pattern: PatternCommand = {
      type: "pattern",
      id: "p",
      name: "double_top",
      points: [
        { time: 10, price: 40 },
        { time: 20, price: 80 },
        { time: 30, price: 60 },
        { time: 40, price: 79 },
      ],
      direction: "bearish",
      confidence: 0.82,
      label: "Double top",
      neckline: { start: { time: 20, price: 60 }, end: { time: 40, price: 60 } },
    };
    const shapes = patternShapes(pattern, proj, P);
    const [outline, neckline] = of(shapes, "polyline");
    expect(outline?.points).toHaveLength(4);
    expect(outline?.color).toBe(P.resistance);
    expect(neckline?.dash).toBeDefined();
    expect(of(shapes, "dot")).toHaveLength(4);
    const [label] = of(shapes, "text");
    expect(label?.text).toBe("Double top · 82%");
    expect(label?.at.y).toBeLessThan(400 - 80 * 2);

    // A label that already states the confidence does not repeat it.
    const stated = patternShapes({ ...pattern, label: "Double top (forming, 82%)" }, proj, P);
    expect(of(stated, "text")[0]?.text).toBe("Double top (forming, 82%)");
  });

  it("fibonacci levels retrace from the end back to the start", () => {
    const fib: FibonacciCommand = { type: "fibonacci", id: "f", start: { time: 10, price: 100 }, end: { time: 50, price: 200 } };
    const levels = fibonacciLevels(fib);
    expect(levels.map((l) => l.ratio)).toEqual([0, 0.236, 0.382, 0.5, 0.618, 0.786, 1]);
    expect(levels.find((l) => l.ratio === 0.618)?.price).toBeCloseTo(138.2);
    expect(levels[0]?.price).toBe(200);
    expect(levels[6]?.price).toBe(100);
    const shapes = fibonacciShapes(fib, proj, P);
    expect(of(shapes, "text").map((t) => t.text)).toContain("61.8%  138.20");
    // Seven level lines plus the dashed diagonal; one golden-pocket band.
    expect(of(shapes, "polyline")).toHaveLength(8);
    expect(of(shapes, "rect")).toHaveLength(1);
    expect(fibonacciLevels({ ...fib, levels: [0, 1.618] }).map((l) => l.ratio)).toEqual([0, 1.618]);
  });

  it("nothing is drawn while the chart cannot place a point", () => {
    const zone: ZoneCommand = { type: "zone", id: "z", from_price: 1, to_price: 2, role: "level", label: "x" };
    expect(zoneShapes(zone, blind, P)).toEqual([]);
    expect(trendlineShapes(trend, blind, P)).toEqual([]);
  });
});
