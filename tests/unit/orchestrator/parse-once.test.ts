import { createExecution } from "@/lib/orchestrator/execution";
import { runRules } from "@/lib/orchestrator/rules/engine";
import { parseMessage } from "@/lib/orchestrator/rules/intents";

/** The rules engine reads a message once: one normalisation, one parse handed on to the engine. */

describe("parsing a message once", () => {
  afterEach(() => jest.restoreAllMocks());

  it.each([
    "clear everything and draw the 50 and 200 sma on $TSLA weekly",
    "Show me double tops, doji candles and fib levels on NVDA 4h",
    "what chart is loaded?",
  ])("normalises %j once, reading every entity from that one pass", (q) => {
    const normalize = jest.spyOn(String.prototype, "normalize");
    const parsed = parseMessage(q);
    expect(normalize).toHaveBeenCalledTimes(1);
    // And the single pass still reads everything the message names.
    expect(parsed.intents.length).toBeGreaterThan(0);
  });

  it("reads the entities from the text left after a clearing phrase", () => {
    const parsed = parseMessage("clear everything and draw the 50 and 200 sma on $TSLA weekly");
    expect(parsed.intents).toEqual(["clear", "indicators"]);
    expect(parsed.entities).toMatchObject({
      symbols: ["TSLA"],
      timeframe: "1W",
      indicators: [
        { name: "sma", params: { period: 50 } },
        { name: "sma", params: { period: 200 } },
      ],
      patternNames: [],
      candlestickNames: [],
    });
    expect(parseMessage("Show me double tops and doji candles on NVDA 4h").entities).toMatchObject({
      symbols: ["NVDA"],
      timeframe: "4h",
      patternNames: ["double_top"],
      candlestickNames: ["doji"],
    });
  });

  it("the rules engine answers from the parse it is given, without parsing again", async () => {
    const parsed = parseMessage("what chart is loaded?");
    const normalize = jest.spyOn(String.prototype, "normalize");
    const exec = createExecution({ context: { symbol: "TSLA", timeframe: "4h" } });
    const answer = await runRules(exec, parsed);
    expect(normalize).not.toHaveBeenCalled();
    expect(answer.text).toBe("You're viewing TSLA on the 4h timeframe.");
    expect(answer.tools_used).toEqual(["get_chart_context"]);
  });
});

describe("a repeated message", () => {
  afterEach(() => jest.restoreAllMocks());

  it("is parsed once and answered from the same, unchangeable reading", () => {
    const first = parseMessage("Draw support and resistance on $AAPL daily");
    const normalize = jest.spyOn(String.prototype, "normalize");
    const again = parseMessage("Draw support and resistance on $AAPL daily");
    expect(normalize).not.toHaveBeenCalled();
    expect(again).toEqual(first);
    expect(() => (again.entities.symbols as string[]).push("MSFT")).toThrow(TypeError);
    expect(parseMessage("Draw support and resistance on $AAPL daily").entities.symbols).toEqual(["AAPL"]);
  });
});
