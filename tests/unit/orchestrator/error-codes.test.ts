import { createExecution, executeCall } from "@/lib/orchestrator/execution";
import { runRules } from "@/lib/orchestrator/rules/engine";
import { parseMessage } from "@/lib/orchestrator/rules/intents";
import { snapshotFor } from "@/lib/orchestrator/tools/chart";
import { ToolError } from "@/lib/orchestrator/tools/types";
import { restoreTestEnv, setTestEnv } from "@/tests/support/test-env";

/** A failed call carries the tool's typed code, and the rules engine decides on the code, never on the wording. */

jest.mock("@/lib/orchestrator/tools/chart", () => jest.requireActual<typeof import("./spy-export.mock")>("./spy-export.mock").spyExport("@/lib/orchestrator/tools/chart", "snapshotFor"));
const snapshotForMock = jest.mocked(snapshotFor);

const TSLA = { symbol: "TSLA", timeframe: "1D" as const };

beforeAll(() => setTestEnv());
beforeEach(() => snapshotForMock.mockClear());
afterAll(restoreTestEnv);

describe("call outcomes", () => {
  it("carry the tool's error code beside its sentence", async () => {
    snapshotForMock.mockRejectedValueOnce(new ToolError("upstream", "Quotes for TSLA are late today."));
    const outcome = await executeCall(createExecution({ context: TSLA }), "trendlines", {});
    expect(outcome).toEqual({ ok: false, code: "upstream", error: "Quotes for TSLA are late today." });
  });

  it("name arguments that never reached a tool invalid_args", async () => {
    const outcome = await executeCall(createExecution({ context: TSLA }), "support_resistance", { role: "sideways" });
    expect(outcome).toMatchObject({ ok: false, code: "invalid_args", error: expect.stringMatching(/^role: /) });
  });
});

describe("the rules engine on a failed call", () => {
  it("stops the plan at an unknown symbol, whatever the sentence says", async () => {
    snapshotForMock.mockRejectedValueOnce(new ToolError("unknown_symbol", "ZZZZ is not listed anywhere we read."));
    const answer = await runRules(createExecution({ context: null }), parseMessage("full analysis of ZZZZ"));
    // A full analysis plans five tools; after the first says the symbol does not exist, none runs.
    expect(snapshotForMock).toHaveBeenCalledTimes(1);
    expect(answer.text).toBe("ZZZZ is not listed anywhere we read.");
    expect(answer.chart_commands).toEqual([]);
    expect(answer.tools_used).toEqual([]);
  });

  it("goes on after a failure that leaves the rest of the plan possible, saying it once", async () => {
    snapshotForMock.mockRejectedValueOnce(new ToolError("no_data", "I don't know the symbol TSLA in this range."));
    const answer = await runRules(createExecution({ context: TSLA }), parseMessage("full analysis"));
    // The wording of the old prose test does not stop the plan: only the code would.
    expect(snapshotForMock).toHaveBeenCalledTimes(5);
    expect(answer.tools_used).toEqual(["support_resistance", "trendlines", "detect_patterns", "candlestick_patterns"]);
    expect(answer.text.match(/I don't know the symbol TSLA in this range\./g)).toHaveLength(1);
  });
});
