import { getCandles } from "@/lib/market/service";
import { UpstreamError } from "@/lib/market/types";
import { runAgent } from "@/lib/orchestrator/agent";
import { restoreTestEnv, setTestEnv } from "@/tests/support/test-env";

/** One answer fetches each chart's candles once, however many tools read them (the chart action's hot path). */

jest.mock("@/lib/market/service", () => jest.requireActual<typeof import("./spy-export.mock")>("./spy-export.mock").spyExport("@/lib/market/service", "getCandles"));
const getCandlesMock = jest.mocked(getCandles);

const TSLA = { symbol: "TSLA", timeframe: "1D" as const, snapshot_id: undefined, visible_range: { from: 0, to: 2_000_000_000 } };

beforeAll(() => setTestEnv());
beforeEach(() => getCandlesMock.mockClear());
afterAll(restoreTestEnv);

describe("candles per answer", () => {
  it("a full analysis reads one fetch for its five tools", async () => {
    const answer = await runAgent({ query: "full analysis", context: TSLA, engine: "rules" });
    expect(answer.tools_used).toEqual(["market_summary", "support_resistance", "trendlines", "detect_patterns", "candlestick_patterns"]);
    expect(getCandlesMock).toHaveBeenCalledTimes(1);
  });

  it("tools on the visible range and indicators over the whole series share that fetch", async () => {
    const answer = await runAgent({ query: "draw support and resistance, trendlines, fibonacci and the 50 sma", context: TSLA, engine: "rules" });
    expect(answer.tools_used).toEqual(["support_resistance", "trendlines", "fibonacci", "add_indicator"]);
    expect(getCandlesMock).toHaveBeenCalledTimes(1);
  });

  it("each chart of an answer is fetched once", async () => {
    const answer = await runAgent({ query: "load NVDA and draw trendlines and fibonacci", context: TSLA, engine: "rules" });
    expect(answer.metadata).toMatchObject({ symbol: "NVDA" });
    expect(getCandlesMock.mock.calls.map(([req]) => `${req.symbol} ${req.timeframe}`)).toEqual(["NVDA 1D"]);
  });

  it("a provider failure is waited for once and said once", async () => {
    getCandlesMock.mockRejectedValueOnce(new UpstreamError("timed out", "timeout"));
    const answer = await runAgent({ query: "full analysis", context: TSLA, engine: "rules" });
    expect(getCandlesMock).toHaveBeenCalledTimes(1);
    expect(answer.text.match(/Market data for TSLA is unavailable right now/g)).toHaveLength(1);
    expect(answer.chart_commands).toEqual([]);
  });
});
