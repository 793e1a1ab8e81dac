import { applyCommandBatch, chartKey, describeCommandError, drawingsOf, type ExecutorState } from "@/lib/commands/apply";
import { ChartCommandSchema, MAX_COMMANDS_PER_BATCH, type ChartCommandInput } from "@/lib/commands/schema";

const T0 = 1_700_000_000;
const DAY = 86_400;

const empty = (): ExecutorState => ({ symbol: "TSLA", timeframe: "1D", drawingsByChart: {} });

/** One valid command of every drawing type, ids d-<type>. */
const EVERY_DRAWING: ChartCommandInput[] = [
  { type: "horizontal_line", id: "d-line", price: 212.4, role: "support", label: "Support 212.40", strength: 0.8 },
  { type: "zone", id: "d-zone", from_price: 250, to_price: 240, role: "resistance", label: "Supply" },
  { type: "trendline", id: "d-trend", start: { time: T0, price: 200 }, end: { time: T0 + 20 * DAY, price: 230 }, role: "support", label: "Up", extend: "right" },
  {
    type: "pattern",
    id: "d-pattern",
    name: "double_top",
    points: [
      { time: T0, price: 200 },
      { time: T0 + 5 * DAY, price: 250 },
      { time: T0 + 10 * DAY, price: 220 },
      { time: T0 + 15 * DAY, price: 249 },
    ],
    direction: "bearish",
    confidence: 0.8,
    label: "Double top",
    status: "confirmed",
    target: 190,
    neckline: { start: { time: T0 + 5 * DAY, price: 220 }, end: { time: T0 + 15 * DAY, price: 220 } },
  },
  { type: "marker", id: "d-marker", time: T0 + 3 * DAY, position: "below", shape: "arrow_up", text: "Hammer" },
  { type: "indicator", id: "d-sma", name: "sma", params: { period: 50 } },
  { type: "indicator", id: "d-rsi", name: "rsi", params: { period: 14 } },
  { type: "indicator", id: "d-bb", name: "bollinger", params: { period: 20, stddev: 2 } },
  { type: "indicator", id: "d-macd", name: "macd", params: { fast: 12, slow: 26, signal: 9 } },
  { type: "indicator", id: "d-vwap", name: "vwap", params: {} },
  { type: "indicator", id: "d-ema", name: "ema", params: { period: 21 } },
  { type: "fibonacci", id: "d-fib", start: { time: T0, price: 180 }, end: { time: T0 + 30 * DAY, price: 260 } },
];

const ids = (s: ExecutorState, symbol = s.symbol, tf = s.timeframe) => drawingsOf(s, symbol, tf).map((d) => d.id);

describe("applyCommandBatch", () => {
  it("applies one command of every drawing type, in order, with parsed defaults", () => {
    const { state, result } = applyCommandBatch(empty(), EVERY_DRAWING);
    expect(result.rejected).toEqual([]);
    expect(result.applied).toEqual(EVERY_DRAWING.map((c) => (c as { id: string }).id));
    expect(ids(state)).toEqual(result.applied);
    const trend = state.drawingsByChart["TSLA|1D"]?.["d-trend"];
    expect(trend).toMatchObject({ extend: "right" });
  });

  it("fills schema defaults (trendline extend none, clear scope all)", () => {
    const { state, result } = applyCommandBatch(empty(), [
      { type: "trendline", id: "t", start: { time: T0, price: 1 }, end: { time: T0 + DAY, price: 2 }, role: "resistance", label: "x" },
      { type: "clear" },
    ]);
    expect(result.applied).toEqual(["t", "clear:all"]);
    expect(ids(state)).toEqual([]);
  });

  it("replaces by id, never doubles, whatever the previous type", () => {
    const first = applyCommandBatch(empty(), [{ type: "horizontal_line", id: "x", price: 10, role: "level", label: "L" }]);
    const second = applyCommandBatch(first.state, [
      { type: "horizontal_line", id: "x", price: 11, role: "level", label: "L2" },
      { type: "zone", id: "x", from_price: 1, to_price: 2, role: "support", label: "Z" },
    ]);
    expect(ids(second.state)).toEqual(["x"]);
    expect(second.state.drawingsByChart["TSLA|1D"]?.x).toMatchObject({ type: "zone", label: "Z" });
    expect(second.result.applied).toEqual(["x", "x"]);
  });

  it("a replaced id moves to the end, so the list reads newest last", () => {
    const a = applyCommandBatch(empty(), EVERY_DRAWING.slice(0, 3));
    const b = applyCommandBatch(a.state, [EVERY_DRAWING[0]]);
    expect(ids(b.state)).toEqual(["d-zone", "d-trend", "d-line"]);
  });

  it("remove deletes; an unknown id is rejected and changes nothing", () => {
    const a = applyCommandBatch(empty(), EVERY_DRAWING);
    const b = applyCommandBatch(a.state, [{ type: "remove", id: "d-zone" }, { type: "remove", id: "nope" }]);
    expect(b.result.applied).toEqual(["remove:d-zone"]);
    expect(b.result.rejected).toEqual([{ index: 1, error: expect.stringMatching(/^\[1\]\.id: no drawing "nope"/) }]);
    expect(ids(b.state)).not.toContain("d-zone");
    expect(ids(b.state)).toHaveLength(EVERY_DRAWING.length - 1);
    const start = empty();
    const c = applyCommandBatch(start, [{ type: "remove", id: "nope" }]);
    expect(c.state).toBe(start);
    expect(c.result.applied).toEqual([]);
  });

  it.each([
    ["lines", ["d-pattern", "d-marker", "d-sma", "d-rsi", "d-bb", "d-macd", "d-vwap", "d-ema"]],
    ["patterns", ["d-line", "d-zone", "d-trend", "d-sma", "d-rsi", "d-bb", "d-macd", "d-vwap", "d-ema", "d-fib"]],
    ["indicators", ["d-line", "d-zone", "d-trend", "d-pattern", "d-marker", "d-fib"]],
    ["all", []],
  ] as const)("clear %s keeps exactly the other types", (scope, kept) => {
    const a = applyCommandBatch(empty(), EVERY_DRAWING);
    const b = applyCommandBatch(a.state, [{ type: "clear", scope }]);
    expect(b.result.applied).toEqual([`clear:${scope}`]);
    expect(ids(b.state)).toEqual(kept);
  });

  it("clear touches the current chart only", () => {
    const a = applyCommandBatch(empty(), [
      EVERY_DRAWING[0],
      { type: "load_symbol", symbol: "NVDA" },
      EVERY_DRAWING[1],
      { type: "clear" },
    ]);
    expect(ids(a.state, "TSLA", "1D")).toEqual(["d-line"]);
    expect(ids(a.state, "NVDA", "1D")).toEqual([]);
  });

  it("load_symbol and set_timeframe switch the chart for later drawings in the same batch", () => {
    const { state, result } = applyCommandBatch(empty(), [
      EVERY_DRAWING[0],
      { type: "load_symbol", symbol: "nvda", timeframe: "hourly" },
      EVERY_DRAWING[1],
      { type: "set_timeframe", timeframe: "4h" },
      EVERY_DRAWING[2],
    ]);
    expect(result.applied).toEqual(["d-line", "load_symbol:NVDA", "d-zone", "set_timeframe:4h", "d-trend"]);
    expect(state.symbol).toBe("NVDA");
    expect(state.timeframe).toBe("4h");
    expect(ids(state, "TSLA", "1D")).toEqual(["d-line"]);
    expect(ids(state, "NVDA", "1h")).toEqual(["d-zone"]);
    expect(ids(state, "NVDA", "4h")).toEqual(["d-trend"]);
  });

  it("load_symbol without a timeframe keeps the current one", () => {
    const { state } = applyCommandBatch({ ...empty(), timeframe: "15m" }, [{ type: "load_symbol", symbol: "AAPL" }]);
    expect([state.symbol, state.timeframe]).toEqual(["AAPL", "15m"]);
  });

  it("the same id on two charts is two drawings", () => {
    const { state } = applyCommandBatch(empty(), [EVERY_DRAWING[0], { type: "set_timeframe", timeframe: "1W" }, EVERY_DRAWING[0]]);
    expect(Object.keys(state.drawingsByChart).sort()).toEqual(["TSLA|1D", "TSLA|1W"]);
  });

  it("rejects invalid elements naming index and field, and applies the rest", () => {
    const { state, result } = applyCommandBatch(empty(), [
      EVERY_DRAWING[0],
      { type: "horizontal_line", id: "bad", price: -1, role: "support", label: "x" },
      EVERY_DRAWING[1],
      { type: "horizontal_line", id: "bad", role: "support", label: "x" },
    ]);
    expect(result.applied).toEqual(["d-line", "d-zone"]);
    expect(result.rejected).toEqual([
      { index: 1, error: expect.stringMatching(/^\[1\]\.price: /) },
      { index: 3, error: "[3].price: required" },
    ]);
    expect(ids(state)).toEqual(["d-line", "d-zone"]);
  });

  const MALFORMED: [string, unknown, RegExp][] = [
    ["null", null, /^\[0\]: /],
    ["a number", 42, /^\[0\]: /],
    ["an array", [], /^\[0\]: /],
    ["no type", { id: "x" }, /^\[0\]\.type: expected one of load_symbol, set_timeframe/],
    ["unknown type", { type: "arrow", id: "x" }, /^\[0\]\.type: expected one of/],
    ["bad symbol", { type: "load_symbol", symbol: "not a symbol" }, /^\[0\]\.symbol: /],
    ["range timeframe", { type: "set_timeframe", timeframe: "5D" }, /^\[0\]\.timeframe: expected one of 1m/],
    ["bad id", { type: "horizontal_line", id: "has space", price: 1, role: "level", label: "x" }, /^\[0\]\.id: /],
    ["long id", { type: "horizontal_line", id: "x".repeat(65), price: 1, role: "level", label: "x" }, /^\[0\]\.id: /],
    ["zero price", { type: "horizontal_line", id: "x", price: 0, role: "level", label: "x" }, /^\[0\]\.price: /],
    ["infinite price", { type: "horizontal_line", id: "x", price: Infinity, role: "level", label: "x" }, /^\[0\]\.price: /],
    ["string price", { type: "horizontal_line", id: "x", price: "10", role: "level", label: "x" }, /^\[0\]\.price: /],
    ["bad role", { type: "horizontal_line", id: "x", price: 1, role: "floor", label: "x" }, /^\[0\]\.role: /],
    ["long label", { type: "horizontal_line", id: "x", price: 1, role: "level", label: "x".repeat(81) }, /^\[0\]\.label: /],
    ["strength > 1", { type: "horizontal_line", id: "x", price: 1, role: "level", label: "x", strength: 2 }, /^\[0\]\.strength: /],
    ["bad colour", { type: "horizontal_line", id: "x", price: 1, role: "level", label: "x", color: "red" }, /^\[0\]\.color: /],
    ["zone missing to_price", { type: "zone", id: "z", from_price: 1, role: "level", label: "x" }, /^\[0\]\.to_price: required/],
    ["zone float time", { type: "zone", id: "z", from_price: 1, to_price: 2, role: "level", label: "x", from_time: 1.5 }, /^\[0\]\.from_time: /],
    ["trendline bad point", { type: "trendline", id: "t", start: { time: 1 }, end: { time: 2, price: 1 }, role: "support", label: "x" }, /^\[0\]\.start\.price: required/],
    ["trendline bad role", { type: "trendline", id: "t", start: { time: 1, price: 1 }, end: { time: 2, price: 1 }, role: "level", label: "x" }, /^\[0\]\.role: /],
    ["trendline bad extend", { type: "trendline", id: "t", start: { time: 1, price: 1 }, end: { time: 2, price: 1 }, role: "support", label: "x", extend: "left" }, /^\[0\]\.extend: /],
    ["pattern one point", { type: "pattern", id: "p", name: "double_top", points: [{ time: 1, price: 1 }], direction: "bearish", confidence: 0.5, label: "x" }, /^\[0\]\.points: /],
    ["pattern bad name", { type: "pattern", id: "p", name: "cup_and_handle", points: [{ time: 1, price: 1 }, { time: 2, price: 2 }], direction: "bearish", confidence: 0.5, label: "x" }, /^\[0\]\.name: /],
    ["pattern confidence", { type: "pattern", id: "p", name: "double_top", points: [{ time: 1, price: 1 }, { time: 2, price: 2 }], direction: "bearish", confidence: 1.5, label: "x" }, /^\[0\]\.confidence: /],
    ["pattern bad point", { type: "pattern", id: "p", name: "double_top", points: [{ time: 1, price: 1 }, { time: 2, price: -2 }], direction: "bearish", confidence: 0.5, label: "x" }, /^\[0\]\.points\[1\]\.price: /],
    ["marker bad shape", { type: "marker", id: "m", time: 1, position: "above", shape: "star" }, /^\[0\]\.shape: /],
    ["marker bad position", { type: "marker", id: "m", time: 1, position: "inside", shape: "circle" }, /^\[0\]\.position: /],
    ["marker long text", { type: "marker", id: "m", time: 1, position: "above", shape: "circle", text: "x".repeat(33) }, /^\[0\]\.text: /],
    ["indicator unknown", { type: "indicator", id: "i", name: "ichimoku", params: {} }, /^\[0\]\.name: /],
    ["indicator no period", { type: "indicator", id: "i", name: "sma", params: {} }, /^\[0\]\.params\.period: required/],
    ["indicator zero period", { type: "indicator", id: "i", name: "rsi", params: { period: 0 } }, /^\[0\]\.params\.period: /],
    ["macd missing slow", { type: "indicator", id: "i", name: "macd", params: { fast: 12, signal: 9 } }, /^\[0\]\.params\.slow: required/],
    ["bollinger stddev", { type: "indicator", id: "i", name: "bollinger", params: { period: 20, stddev: -1 } }, /^\[0\]\.params\.stddev: /],
    ["fibonacci empty levels", { type: "fibonacci", id: "f", start: { time: 1, price: 1 }, end: { time: 2, price: 2 }, levels: [] }, /^\[0\]\.levels: /],
    ["fibonacci missing end", { type: "fibonacci", id: "f", start: { time: 1, price: 1 } }, /^\[0\]\.end: required/],
    ["remove no id", { type: "remove" }, /^\[0\]\.id: required/],
    ["clear bad scope", { type: "clear", scope: "drawings" }, /^\[0\]\.scope: /],
  ];

  it.each(MALFORMED)("rejects %s without throwing", (_name, bad, message) => {
    const before = applyCommandBatch(empty(), [EVERY_DRAWING[0]]).state;
    const { state, result } = applyCommandBatch(before, [bad]);
    expect(result.applied).toEqual([]);
    expect(result.rejected).toHaveLength(1);
    expect(result.rejected[0]?.index).toBe(0);
    expect(result.rejected[0]?.error).toMatch(message);
    expect(state).toBe(before);
  });

  it("normalises legacy strings with the chart's context and reports dropped ones", () => {
    const { state, result, warnings } = applyCommandBatch(
      empty(),
      ["SUPPORT:212.40", "FIBONACCI:180:260", "TRENDLINE:200:240", "INDICATOR:SMA:50", "LOAD:NVDA", "FIBONACCI:180:260"],
      { visibleRange: { from: T0, to: T0 + 100 * DAY }, lastClose: 230 },
    );
    expect(result.applied).toEqual(["legacy-support-212.40", "legacy-fibonacci-180-260", "ind-sma-50", "load_symbol:NVDA"]);
    // The visible range belonged to TSLA: after the switch the second FIBONACCI has nothing to span.
    expect(result.rejected.map((r) => r.index)).toEqual([2, 5]);
    expect(warnings).toHaveLength(2);
    expect(ids(state, "TSLA", "1D")).toEqual(["legacy-support-212.40", "legacy-fibonacci-180-260", "ind-sma-50"]);
  });

  it("INDICATOR:...:OFF removes the indicator it names", () => {
    const a = applyCommandBatch(empty(), ["INDICATOR:RSI"]);
    const b = applyCommandBatch(a.state, ["INDICATOR:RSI:OFF"]);
    expect(b.result.applied).toEqual(["remove:ind-rsi-14"]);
    expect(ids(b.state)).toEqual([]);
  });

  it("rejects a batch over the limit as a whole", () => {
    const batch = Array.from({ length: MAX_COMMANDS_PER_BATCH + 1 }, (_, i) => ({
      type: "horizontal_line",
      id: `l${i}`,
      price: 1 + i,
      role: "level",
      label: "x",
    }));
    const { state, result } = applyCommandBatch(empty(), batch);
    expect(result.applied).toEqual([]);
    expect(result.rejected).toEqual([{ index: MAX_COMMANDS_PER_BATCH, error: expect.stringMatching(/at most 500/) }]);
    expect(ids(state)).toEqual([]);
    expect(applyCommandBatch(empty(), batch.slice(0, MAX_COMMANDS_PER_BATCH)).result.applied).toHaveLength(MAX_COMMANDS_PER_BATCH);
  });

  it("rejects input that is not an array", () => {
    for (const bad of [null, undefined, "SUPPORT:1", { type: "clear" }]) {
      const { result } = applyCommandBatch(empty(), bad);
      expect(result.rejected).toEqual([{ index: 0, error: "expected an array of chart commands" }]);
    }
  });

  it("leaves the input state untouched and shares untouched charts", () => {
    const a = applyCommandBatch(empty(), [EVERY_DRAWING[0], { type: "set_timeframe", timeframe: "1W" }, EVERY_DRAWING[1]]).state;
    const snapshot = JSON.stringify(a);
    const b = applyCommandBatch(a, [EVERY_DRAWING[2]]).state;
    expect(JSON.stringify(a)).toBe(snapshot);
    expect(b.drawingsByChart["TSLA|1D"]).toBe(a.drawingsByChart["TSLA|1D"]);
    expect(b.drawingsByChart["TSLA|1W"]).not.toBe(a.drawingsByChart["TSLA|1W"]);
  });

  it("drops a chart's entry once its last drawing goes", () => {
    const a = applyCommandBatch(empty(), [EVERY_DRAWING[0]]);
    const b = applyCommandBatch(a.state, [{ type: "remove", id: "d-line" }]);
    expect(b.state.drawingsByChart).toEqual({});
  });

  it("chartKey and describeCommandError format as documented", () => {
    expect(chartKey("BRK.B", "1W")).toBe("BRK.B|1W");
    const parsed = ChartCommandSchema.safeParse({ type: "zone" });
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(describeCommandError(7, parsed.error)).toMatch(/^\[7\]\.id: required$/);
  });
});
