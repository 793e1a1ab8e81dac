import { runAgent } from "@/lib/orchestrator/agent";
import { MemoryThreadStore } from "@/lib/chatkit/store/memory";
import { SqliteThreadStore } from "@/lib/chatkit/store/sqlite";
import { process as p } from "@/lib/chatkit/server";
import { userInput } from "@/tests/support/chatkit-client";
it("prof", async () => {
  process.env.MARKET_DATA_PROVIDER = "demo"; process.env.LOG_SILENT = "1";
  const ctx = { symbol: "TSLA", timeframe: "1D" as const, snapshot_id: undefined, visible_range: undefined };
  for (const q of ["draw support and resistance", "find chart patterns", "draw trendlines", "show me the fibonacci retracement"]) {
    for (let i = 0; i < 3; i++) { const t = performance.now(); await runAgent({ query: q, context: ctx }); console.log(q, (performance.now() - t).toFixed(1)); }
  }
  for (const store of [new MemoryThreadStore(), new SqliteThreadStore("/tmp/ckprof.db")]) {
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      const r = await p({ type: "threads.create", params: { input: userInput("draw support and resistance") } }, { userId: "u", chartContext: ctx, signal: new AbortController().signal, store });
      let first = 0; if (r.kind === "stream") for await (const _ of r.events) { void _; first ||= performance.now() - t; }
      console.log(store.kind, first.toFixed(2), (performance.now() - t).toFixed(1));
    }
  }
});
