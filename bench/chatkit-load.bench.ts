/**
 * ChatKit server load (`npm run bench:load`, after bench/load.bench.ts): 50 concurrent streaming
 * conversations (`threads.create` with a chart question and the `x-chart-context` header) on
 * loopback against the built app, rules engine. Reports errors, time to the first event and to
 * the end of the stream (p50/p95/p99/max over several rounds), a table, JSON lines and PASS/FAIL.
 * Starts `next start` itself (port 3244, set NEXT_DIST_DIR for another build) unless BENCH_URL
 * is set. Events are parsed but not schema-checked here (the tests do that), so the client's CPU
 * is not billed to the server. A report: exits 0 whatever the result, unless run with `--strict`.
 */
import { mkdtempSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { startApp, type AppServer } from "@/tests/support/app-server";
import { ChatKitClient } from "@/tests/support/chatkit-client";
import { fmt, table } from "./timing";

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
const WARMUP = 10;
const GOAL_FIRST_P99_MS = 50;
const GOAL_TOTAL_P99_MS = 200;
const QUESTIONS = ["draw support and resistance", "find chart patterns", "draw trendlines", "show me the fibonacci retracement", "support and resistance levels"];
const CONTEXTS = [
  { symbol: "TSLA", timeframe: "1D" },
  { symbol: "AAPL", timeframe: "1h" },
  { symbol: "NVDA", timeframe: "4h" },
  { symbol: "MSFT", timeframe: "1W" },
];
const strict = process.argv.includes("--strict");
const write = (line: string) => process.stdout.write(line + "\n");

interface Sample {
  ok: boolean;
  firstMs: number;
  totalMs: number;
  events: number;
  error?: string;
}

async function conversation(baseUrl: string, i: number): Promise<Sample> {
  const client = new ChatKitClient({ baseUrl, chartContext: CONTEXTS[i % CONTEXTS.length], validate: false });
  try {
    const r = await client.createThread(QUESTIONS[i % QUESTIONS.length]!);
    const failed = r.status !== 200 || r.events.some((e) => e.type === "error") || !r.events.some((e) => e.type === "thread.item.done" && e.item.type === "assistant_message");
    return { ok: !failed, firstMs: r.firstEventMs ?? r.totalMs, totalMs: r.totalMs, events: r.events.length, error: failed ? `status ${r.status}` : undefined };
  } catch (err) {
    return { ok: false, firstMs: NaN, totalMs: NaN, events: 0, error: err instanceof Error ? err.message : String(err) };
  }
}

function pct(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function main(): Promise<void> {
  let app: AppServer | null = null;
  let baseUrl = process.env.BENCH_URL;
  if (!baseUrl) {
    const dataDir = mkdtempSync(path.join(tmpdir(), "chatkit-bench-"));
    app = await startApp({
      port: Number(process.env.BENCH_PORT ?? 3244),
      env: { MARKET_DATA_PROVIDER: "demo", OPENAI_API_KEY: "", REDIS_URL: "", RATE_LIMIT_PER_MIN: "0", DATA_DIR: dataDir, CHATKIT_DB_PATH: path.join(dataDir, "chatkit.db") },
    });
    baseUrl = app.url;
  }
  try {
    for (let i = 0; i < WARMUP; i++) await conversation(baseUrl, i);
    const samples: Sample[] = [];
    const started = performance.now();
    for (let round = 0; round < ROUNDS; round++) {
      samples.push(...(await Promise.all(Array.from({ length: CONCURRENCY }, (_, i) => conversation(baseUrl!, round * CONCURRENCY + i)))));
    }
    const wallMs = performance.now() - started;
    const ok = samples.filter((s) => s.ok);
    const first = ok.map((s) => s.firstMs).sort((a, b) => a - b);
    const total = ok.map((s) => s.totalMs).sort((a, b) => a - b);
    const errors = samples.length - ok.length;
    const row = (name: string, xs: number[]) => [name, fmt(pct(xs, 50)), fmt(pct(xs, 95)), fmt(pct(xs, 99)), fmt(xs[xs.length - 1] ?? NaN)];

    write(`ChatKit load: ${CONCURRENCY} concurrent streaming conversations x ${ROUNDS} rounds on ${baseUrl} (rules engine, demo data), load average ${loadavg()[0]!.toFixed(2)}`);
    write("");
    write(table(["ms", "p50", "p95", "p99", "max"], [row("first event", first), row("whole stream", total)]));
    write("");
    write(`conversations ${samples.length}, errors ${errors}, events per stream ${ok.length ? Math.round(ok.reduce((a, s) => a + s.events, 0) / ok.length) : 0}, ${(samples.length / (wallMs / 1000)).toFixed(0)} conversations/s`);
    if (errors) write(`first error: ${samples.find((s) => !s.ok)?.error}`);

    const goals = [
      { goal: `no errors (${errors} of ${samples.length})`, pass: errors === 0 },
      { goal: `first event p99 < ${GOAL_FIRST_P99_MS} ms (${fmt(pct(first, 99))} ms)`, pass: pct(first, 99) < GOAL_FIRST_P99_MS },
      { goal: `whole stream p99 < ${GOAL_TOTAL_P99_MS} ms (${fmt(pct(total, 99))} ms)`, pass: pct(total, 99) < GOAL_TOTAL_P99_MS },
    ];
    write("");
    for (const g of goals) write(`${g.pass ? "PASS" : "FAIL"}  ${g.goal}`);
    write("");
    const r2 = (x: number) => Math.round(x * 100) / 100;
    write(JSON.stringify({ bench: "chatkit_load", concurrency: CONCURRENCY, rounds: ROUNDS, conversations: samples.length, errors }));
    write(JSON.stringify({ bench: "chatkit_first_event", p50: r2(pct(first, 50)), p95: r2(pct(first, 95)), p99: r2(pct(first, 99)), max: r2(first[first.length - 1] ?? NaN) }));
    write(JSON.stringify({ bench: "chatkit_whole_stream", p50: r2(pct(total, 50)), p95: r2(pct(total, 95)), p99: r2(pct(total, 99)), max: r2(total[total.length - 1] ?? NaN) }));
    for (const g of goals) write(JSON.stringify(g));
    if (strict && goals.some((g) => !g.pass)) process.exitCode = 1;
  } finally {
    await app?.stop();
  }
}

void main();
