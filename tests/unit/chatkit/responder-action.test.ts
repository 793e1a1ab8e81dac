import { ThreadStreamEventSchema, type ThreadStreamEvent } from "@/lib/chatkit/protocol";
import { createChartResponder } from "@/lib/chatkit/responder";
import { process as processRequest } from "@/lib/chatkit/server";
import { MemoryThreadStore } from "@/lib/chatkit/store/memory";
import type { ChartCommand } from "@/lib/commands/schema";
import { runAgent } from "@/lib/orchestrator/agent";
import { assistantText, createdThreadId, doneItem, userInput } from "@/tests/support/chatkit-client";
import { restoreTestEnv, setTestEnv } from "@/tests/support/test-env";
import { scriptedAgent } from "./scripted-agent.mock";

/**
 * The card's "Same on 1h / 1W" buttons: the server calls the card's tool straight through the
 * orchestrator's registry (demo data), never re-wording it as a chat message for the agent.
 */

beforeEach(() => setTestEnv({ LOG_SILENT: "1" }));
afterAll(restoreTestEnv);

const TSLA = { symbol: "TSLA", timeframe: "1D" as const, snapshot_id: undefined, visible_range: undefined };

async function streamOf(body: unknown, responder: ReturnType<typeof createChartResponder>, store: MemoryThreadStore): Promise<ThreadStreamEvent[]> {
  const res = await processRequest(body, { userId: "user-a", chartContext: TSLA, signal: new AbortController().signal, store, responder });
  if (res.kind !== "stream") throw new Error("expected a stream");
  const out: ThreadStreamEvent[] = [];
  for await (const ev of res.events) out.push(ThreadStreamEventSchema.parse(JSON.parse(JSON.stringify(ev))));
  return out;
}

const effects = (events: readonly ThreadStreamEvent[]): ChartCommand[][] =>
  events.flatMap((e) => (e.type === "client_effect" ? [(e.data as { commands: ChartCommand[] }).commands] : []));

describe("chart.analyze", () => {
  it("runs the card's tool on the other timeframe through the registry: switch, same drawings, a text that says so", async () => {
    const store = new MemoryThreadStore();
    const agent = scriptedAgent();
    const responder = createChartResponder(agent.run);
    const first = await streamOf({ type: "threads.create", params: { input: userInput("draw support and resistance") } }, responder, store);
    const card = doneItem(first, "widget");

    const events = await streamOf(
      {
        type: "threads.custom_action",
        params: { thread_id: createdThreadId(first), item_id: card.id, action: { type: "chart.analyze", payload: { tool: "support_resistance", timeframe: "1h", symbol: "TSLA" } } },
      },
      responder,
      store,
    );

    // No chat message was made up for the agent: only the first question reached it.
    expect(agent.calls).toHaveLength(1);
    const [switchBatch, ...rest] = effects(events);
    expect(switchBatch).toEqual([{ type: "set_timeframe", timeframe: "1h" }]);
    const asked = await runAgent({ query: "draw support and resistance", context: { ...TSLA, timeframe: "1h" } });
    expect(rest.flat()).toEqual(asked.chart_commands);
    expect(assistantText(events)).toMatch(/^Switched TSLA to the 1h timeframe\. TSLA 1h: support at \d/);
    const newCard = doneItem(events, "widget");
    expect(newCard.copy_text).toMatch(/^TSLA 1h · Levels\n/);
    expect(events.some((e) => e.type === "progress_update" && /support and resistance on TSLA 1h/.test(e.text))).toBe(true);
  });

  it("loads the card's symbol when the page moved to another one", async () => {
    const store = new MemoryThreadStore();
    const responder = createChartResponder(scriptedAgent().run);
    const first = await streamOf({ type: "threads.create", params: { input: userInput("draw support and resistance") } }, responder, store);
    const events = await streamOf(
      {
        type: "threads.custom_action",
        params: { thread_id: createdThreadId(first), action: { type: "chart.analyze", payload: { tool: "trendlines", timeframe: "1W", symbol: "NVDA" } } },
      },
      responder,
      store,
    );
    expect(effects(events)[0]).toEqual([{ type: "load_symbol", symbol: "NVDA", timeframe: "1W" }]);
    expect(assistantText(events)).toMatch(/^Loaded NVDA on the 1W timeframe\. NVDA 1W: /);
  });
});
