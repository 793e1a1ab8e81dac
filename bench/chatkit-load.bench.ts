/**
 * (b) ChatKit server load (`npm run bench:load` runs it through bench/run-load.ts, or alone with
 * `npx tsx bench/chatkit-load.bench.ts [--strict]`): 50 concurrent streaming
 * conversations (`threads.create` with a chart question and the `x-chart-context` header) on
 * loopback against the built app, rules engine. Reports errors, time to the first event and to
 * the end of the stream (p50/p95/p99/max over several rounds), a table, JSON lines and PASS/FAIL.
 * Starts the built app itself on a free port (NEXT_DIST_DIR picks the build) unless BENCH_URL
 * is set. Events are parsed but not schema-checked here (the tests do that), and the client is
 * node:http rather than fetch, so the client's CPU is not billed to the server. A report: exits 0
 * whatever the result, unless run with `--strict`.
 */
import http from "node:http";
import { createSseParser } from "@/lib/chatkit/sse-parser";
import { userInput } from "@/tests/support/chatkit-client";
import { childrenCpuMs, loadAverage, runAlone, type BenchOutcome } from "./load.bench";
import { fmt, table } from "./timing";

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
const GOAL_FIRST_P99_MS = 50;
const GOAL_TOTAL_P99_MS = 200;
const QUESTIONS = ["draw support and resistance", "find chart patterns", "draw trendlines", "show me the fibonacci retracement", "support and resistance levels"];
const CONTEXTS = [
  { symbol: "TSLA", timeframe: "1D" },
  { symbol: "AAPL", timeframe: "1h" },
  { symbol: "NVDA", timeframe: "4h" },
  { symbol: "MSFT", timeframe: "1W" },
];
const write = (line: string) => process.stdout.write(line + "\n");

interface Sample {
  ok: boolean;
  firstMs: number;
  totalMs: number;
  events: number;
  error?: string;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

/**
 * One conversation over node:http (as bench (a) measures), not fetch: the client shares the
 * machine's two cores with the server, and undici's per-request cost would be billed to the
 * server's latency. Each is a new user (no cookie), as a first visit is.
 */
function conversation(baseUrl: string, i: number): Promise<Sample> {
  const url = new URL("/api/chatkit", baseUrl);
  const body = JSON.stringify({ type: "threads.create", params: { input: userInput(QUESTIONS[i % QUESTIONS.length]!) } });
  return new Promise((resolve) => {
    const started = performance.now();
    let firstMs = Number.NaN;
    const fail = (error: string) => resolve({ ok: false, firstMs: Number.NaN, totalMs: Number.NaN, events: 0, error });
    const req = http.request(
      url,
      {
        method: "POST",
        agent,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          origin: url.origin,
          "x-chart-context": JSON.stringify(CONTEXTS[i % CONTEXTS.length]),
        },
      },
      (res) => {
        const parser = createSseParser();
        let events = 0;
        let answered = false;
        let errored = false;
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          for (const data of parser.push(chunk)) {
            if (events++ === 0) firstMs = performance.now() - started;
            const event = JSON.parse(data) as { type: string; item?: { type: string } };
            if (event.type === "error") errored = true;
            if (event.type === "thread.item.done" && event.item?.type === "assistant_message") answered = true;
          }
        });
        res.on("end", () => {
          const totalMs = performance.now() - started;
          const ok = res.statusCode === 200 && answered && !errored;
          resolve({ ok, firstMs: Number.isNaN(firstMs) ? totalMs : firstMs, totalMs, events, error: ok ? undefined : `status ${res.statusCode}${errored ? ", error event" : ""}${answered ? "" : ", no answer"}` });
        });
        res.on("error", (err) => fail(err.message));
      },
    );
    req.on("error", (err) => fail(err.message));
    req.end(body);
  });
}

function pct(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Runs (b) against a running app and prints its table and JSON lines. */
export async function runChatKitLoadBench(baseUrl: string): Promise<BenchOutcome> {
  const loadBefore = loadAverage();
  // One unmeasured round: JIT, the demo candle cache, and the client's keep-alive connections,
  // as a reverse proxy (nginx, a load balancer) keeps its pool of connections to the app open.
  await Promise.all(Array.from({ length: CONCURRENCY }, (_, i) => conversation(baseUrl, i)));
  const samples: Sample[] = [];
  const serverCpu0 = childrenCpuMs();
  const started = performance.now();
  for (let round = 0; round < ROUNDS; round++) {
    samples.push(...(await Promise.all(Array.from({ length: CONCURRENCY }, (_, i) => conversation(baseUrl, round * CONCURRENCY + i)))));
  }
  const wallMs = performance.now() - started;
  agent.destroy();
  const serverCpuPerConversation = (childrenCpuMs() - serverCpu0) / samples.length;
  const ok = samples.filter((s) => s.ok);
  const first = ok.map((s) => s.firstMs).sort((a, b) => a - b);
  const total = ok.map((s) => s.totalMs).sort((a, b) => a - b);
  const errors = samples.length - ok.length;
  const row = (name: string, xs: number[]) => [name, fmt(pct(xs, 50)), fmt(pct(xs, 95)), fmt(pct(xs, 99)), fmt(xs[xs.length - 1] ?? NaN)];

  const loadAfter = loadAverage();
  write(`\n(b) ChatKit load: ${CONCURRENCY} concurrent streaming conversations x ${ROUNDS} rounds after a warm-up round on the same connections, ${baseUrl} (rules engine, demo data)`);
  write(`    load average (1m 5m 15m): ${loadBefore} before, ${loadAfter} after\n`);
  write(table(["ms", "p50", "p95", "p99", "max"], [row("first event", first), row("whole stream", total)]));
  write("");
  write(`conversations ${samples.length}, errors ${errors}, events per stream ${ok.length ? Math.round(ok.reduce((a, s) => a + s.events, 0) / ok.length) : 0}, ${(samples.length / (wallMs / 1000)).toFixed(0)} conversations/s, server CPU ${fmt(serverCpuPerConversation)} ms per conversation`);
  if (errors) write(`first error: ${samples.find((s) => !s.ok)?.error}`);

  const goals = [
    { name: "(b) no errors", pass: errors === 0, value: `${errors} of ${samples.length}` },
    { name: `(b) first event p99 < ${GOAL_FIRST_P99_MS} ms`, pass: pct(first, 99) < GOAL_FIRST_P99_MS, value: `${fmt(pct(first, 99))} ms` },
    { name: `(b) whole stream p99 < ${GOAL_TOTAL_P99_MS} ms`, pass: pct(total, 99) < GOAL_TOTAL_P99_MS, value: `${fmt(pct(total, 99))} ms` },
  ];
  write("");
  const r2 = (x: number) => Math.round(x * 100) / 100;
  write(JSON.stringify({ bench: "chatkit_load", concurrency: CONCURRENCY, rounds: ROUNDS, conversations: samples.length, errors, conversations_per_s: Math.round(samples.length / (wallMs / 1000)), server_cpu_ms_per_conversation: r2(serverCpuPerConversation), load_avg_before: loadBefore, load_avg_after: loadAfter }));
  write(JSON.stringify({ bench: "chatkit_first_event", p50: r2(pct(first, 50)), p95: r2(pct(first, 95)), p99: r2(pct(first, 99)), max: r2(first[first.length - 1] ?? NaN) }));
  write(JSON.stringify({ bench: "chatkit_whole_stream", p50: r2(pct(total, 50)), p95: r2(pct(total, 95)), p99: r2(pct(total, 99)), max: r2(total[total.length - 1] ?? NaN) }));
  for (const g of goals) write(`${g.pass ? "PASS" : "FAIL"}  ${g.name}: ${g.value}`);
  return { bench: "chatkit_load", checks: goals };
}

if (require.main === module) runAlone(runChatKitLoadBench);
