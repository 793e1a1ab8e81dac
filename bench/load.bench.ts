/**
 * (a) Load test of the rules-engine chart action against /api/health on the same server.
 *
 *   npx tsx bench/load.bench.ts [--strict]   # starts the built app (NEXT_DIST_DIR picks the build) on a free port
 *   BENCH_URL=http://host:3000 ...           # or measures a running server (BENCH_SECRET = its CHART_ACTION_SECRET)
 *
 * 32 keep-alive connections (BENCH_CONNECTIONS), one request in flight on each (no pipelining).
 * Each target is warmed up first (JIT, route compilation, the demo candle cache), then measured
 * in alternating slices (health, action, health, action, ...; BENCH_SLICES x BENCH_SLICE_S) so a
 * neighbour's burst on a shared machine lands on both targets rather than one. Latency is taken
 * per request with process.hrtime into a typed array. Prints a table, JSON lines and PASS/FAIL for:
 * action req/s >= half of health's, action p99 < 50 ms, zero errors. `npm run bench:load` runs
 * this through bench/run-load.ts with the other two benches on one server.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import http from "node:http";
import { loadavg } from "node:os";
import { freePort, startApp, type AppServer } from "../tests/support/app-server";

const P99_LIMIT_MS = 50;

/** One pass/fail goal of a bench, printed in the runner's summary. */
export interface Check {
  name: string;
  pass: boolean;
  value: string;
}

export interface BenchOutcome {
  bench: string;
  checks: Check[];
}

export interface LoadOptions {
  connections: number;
  /** Measured milliseconds per slice and the number of slices per target. */
  sliceMs: number;
  slices: number;
  warmupMs: number;
  headers: Record<string, string>;
  /** Written into the JSON lines, e.g. "LOG_SILENT=0, stdout piped". */
  label?: string;
}

interface Target {
  name: string;
  method: "GET" | "POST";
  path: string;
  body?: Buffer;
}

interface Stats {
  name: string;
  /** CPU ms per request: the server's (children of this process) and this load generator's. */
  server_cpu_ms_per_req: number;
  client_cpu_ms_per_req: number;
  requests: number;
  errors: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  statuses: Record<string, number>;
}

/** Latencies (ms) and outcomes of one target, accumulated over its slices. */
class Recorder {
  lat = new Float64Array(1 << 16);
  n = 0;
  errors = 0;
  elapsedMs = 0;
  serverCpuMs = 0;
  clientCpuMs = 0;
  statuses: Record<string, number> = {};

  add(ms: number, status: number): void {
    this.statuses[status] = (this.statuses[status] ?? 0) + 1;
    if (status < 200 || status >= 300) this.errors++;
    if (this.n === this.lat.length) {
      const grown = new Float64Array(this.lat.length * 2);
      grown.set(this.lat);
      this.lat = grown;
    }
    this.lat[this.n++] = ms;
  }
}

const CHART_ACTION_BODY = Buffer.from(JSON.stringify({ query: "draw support and resistance", chart_context: { symbol: "TSLA", timeframe: "1D" } }));

const TARGETS: Target[] = [
  { name: "health", method: "GET", path: "/api/health" },
  { name: "chart_action", method: "POST", path: "/api/chatkit/chart-action", body: CHART_ACTION_BODY },
];

const write = (line: string) => process.stdout.write(`${line}\n`);

/** `uptime`'s three load averages, so a reader can judge how noisy the machine was. */
export function loadAverage(): string {
  return loadavg()
    .map((x) => x.toFixed(2))
    .join(" ");
}

export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

const r2 = (x: number) => Math.round(x * 100) / 100;

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"]).toString()) || 100;
  } catch {
    return 100;
  }
})();

/**
 * CPU milliseconds (user + system) used so far by this process's descendants: the app this bench
 * started (the production server and anything it forks). Read from /proc, so Linux only; NaN elsewhere
 * or when the app was not started here (BENCH_URL). Dividing by requests gives the server's CPU
 * cost per request, which bounds the throughput one Node process can reach.
 */
export function childrenCpuMs(): number {
  try {
    const parent = new Map<number, number>();
    const ticks = new Map<number, number>();
    for (const name of readdirSync("/proc")) {
      if (!/^\d+$/.test(name)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${name}/stat`, "utf8");
      } catch {
        continue;
      }
      // Fields after the command (which may contain spaces) start at state: ppid is the 2nd, utime the 12th, stime the 13th.
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      parent.set(Number(name), Number(f[1]));
      ticks.set(Number(name), Number(f[11]) + Number(f[12]));
    }
    let total = 0;
    for (const [pid, t] of ticks) {
      for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p)) {
        if (p === process.pid) {
          total += t;
          break;
        }
      }
    }
    return (total / CLOCK_TICKS) * 1000;
  } catch {
    return Number.NaN;
  }
}

/** One request on the shared keep-alive agent; resolves with the status (0 on a network error). */
function once(agent: http.Agent, base: URL, target: Target, headers: http.OutgoingHttpHeaders): Promise<number> {
  return new Promise((resolve) => {
    const req = http.request({ agent, host: base.hostname, port: base.port, method: target.method, path: target.path, headers }, (res) => {
      res.on("data", () => undefined);
      res.on("end", () => resolve(res.statusCode ?? 0));
      res.on("error", () => resolve(0));
    });
    req.on("error", () => resolve(0));
    req.end(target.body);
  });
}

/** `connections` closed loops, each sending its next request when the previous answer ended. */
async function drive(agent: http.Agent, base: URL, target: Target, opts: LoadOptions, ms: number, rec: Recorder | null): Promise<void> {
  const headers: http.OutgoingHttpHeaders = target.body
    ? { ...opts.headers, "content-type": "application/json", "content-length": target.body.length }
    : { ...opts.headers };
  const cpu0 = process.cpuUsage();
  const server0 = childrenCpuMs();
  const started = process.hrtime.bigint();
  const end = started + BigInt(Math.round(ms * 1e6));
  const loop = async () => {
    while (process.hrtime.bigint() < end) {
      const t0 = process.hrtime.bigint();
      const status = await once(agent, base, target, headers);
      rec?.add(Number(process.hrtime.bigint() - t0) / 1e6, status);
    }
  };
  await Promise.all(Array.from({ length: opts.connections }, loop));
  if (!rec) return;
  rec.elapsedMs += Number(process.hrtime.bigint() - started) / 1e6;
  const cpu = process.cpuUsage(cpu0);
  rec.clientCpuMs += (cpu.user + cpu.system) / 1000;
  rec.serverCpuMs += childrenCpuMs() - server0;
}

function summarize(name: string, rec: Recorder): Stats {
  const sorted = rec.lat.subarray(0, rec.n).sort();
  return {
    name,
    server_cpu_ms_per_req: r2(rec.serverCpuMs / rec.n),
    client_cpu_ms_per_req: r2(rec.clientCpuMs / rec.n),
    requests: rec.n,
    errors: rec.errors,
    rps: Math.round((rec.n / rec.elapsedMs) * 1000),
    p50: r2(percentile(sorted, 50)),
    p95: r2(percentile(sorted, 95)),
    p99: r2(percentile(sorted, 99)),
    max: r2(sorted[rec.n - 1] ?? Number.NaN),
    statuses: rec.statuses,
  };
}

export function loadOptionsFromEnv(): LoadOptions {
  const acceptEncoding = process.env.BENCH_ACCEPT_ENCODING ?? "gzip, deflate, br";
  return {
    connections: Number(process.env.BENCH_CONNECTIONS) || 32,
    sliceMs: (Number(process.env.BENCH_SLICE_S) || 3) * 1000,
    slices: Number(process.env.BENCH_SLICES) || 3,
    warmupMs: (Number(process.env.BENCH_WARMUP_S) || 3) * 1000,
    headers: {
      // What Node's fetch (and so most agents calling the chart action) sends; Next then gzips the
      // action's ~1.4 KB answer, and that work belongs in the figure. BENCH_ACCEPT_ENCODING= turns it off.
      ...(acceptEncoding ? { "accept-encoding": acceptEncoding } : {}),
      ...(process.env.BENCH_SECRET ? { authorization: `Bearer ${process.env.BENCH_SECRET}` } : {}),
    },
  };
}

/** Runs (a) against a running app and prints its table and JSON lines. */
export async function runLoadBench(baseUrl: string, opts: LoadOptions = loadOptionsFromEnv()): Promise<BenchOutcome & { health: Stats; action: Stats }> {
  const base = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.connections, maxFreeSockets: opts.connections });
  const loadBefore = loadAverage();
  const recs = TARGETS.map(() => new Recorder());
  try {
    for (const target of TARGETS) await drive(agent, base, target, opts, opts.warmupMs, null);
    for (let s = 0; s < opts.slices; s++) {
      for (let t = 0; t < TARGETS.length; t++) await drive(agent, base, TARGETS[t]!, opts, opts.sliceMs, recs[t]!);
    }
  } finally {
    agent.destroy();
  }
  const loadAfter = loadAverage();
  const [health, action] = TARGETS.map((t, i) => summarize(t.name, recs[i]!)) as [Stats, Stats];
  const label = `, accept-encoding: ${opts.headers["accept-encoding"] ?? "none"}${opts.label ? `, ${opts.label}` : ""}`;

  write(`\n(a) Load: ${opts.connections} keep-alive connections, ${opts.slices} x ${opts.sliceMs / 1000} s per target after ${opts.warmupMs / 1000} s warm-up, ${base.origin}${label}`);
  write(`    load average (1m 5m 15m): ${loadBefore} before, ${loadAfter} after\n`);
  write("target        requests   req/s   p50 ms   p95 ms   p99 ms   max ms   errors   server CPU ms/req   client CPU ms/req");
  for (const r of [health, action]) {
    write(
      `${r.name.padEnd(12)} ${String(r.requests).padStart(9)} ${String(r.rps).padStart(7)} ${r.p50.toFixed(2).padStart(8)} ${r.p95.toFixed(2).padStart(8)} ${r.p99.toFixed(2).padStart(8)} ${r.max.toFixed(2).padStart(8)} ${String(r.errors).padStart(8)} ${r.server_cpu_ms_per_req.toFixed(2).padStart(19)} ${r.client_cpu_ms_per_req.toFixed(2).padStart(19)}`,
    );
  }
  write("");
  for (const r of [health, action]) {
    write(JSON.stringify({ bench: "load", ...(opts.label ? { label: opts.label } : {}), connections: opts.connections, measured_s: (opts.slices * opts.sliceMs) / 1000, load_avg_before: loadBefore, load_avg_after: loadAfter, ...r }));
  }
  const checks: Check[] = [
    { name: "(a) chart action req/s >= half of health req/s", pass: action.rps >= health.rps / 2, value: `${action.rps} vs ${health.rps} (${r2(action.rps / health.rps)}x)` },
    { name: `(a) chart action p99 < ${P99_LIMIT_MS} ms`, pass: action.p99 < P99_LIMIT_MS, value: `${action.p99} ms` },
    { name: "(a) zero errors", pass: health.errors + action.errors === 0, value: `${health.errors + action.errors} (statuses ${JSON.stringify(action.statuses)})` },
  ];
  for (const c of checks) write(`${c.pass ? "PASS" : "FAIL"}  ${c.name}: ${c.value}`);
  return { bench: "load", checks, health, action };
}

/** Environment for a bench server: production build, demo data, rules engine, no log lines, no rate limit. */
export const BENCH_APP_ENV: Record<string, string> = {
  NODE_ENV: "production",
  LOG_SILENT: "1",
  MARKET_DATA_PROVIDER: "demo",
  OPENAI_API_KEY: "",
  REDIS_URL: "",
  RATE_LIMIT_PER_MIN: "0",
  CHART_ACTION_SECRET: "",
  CHAT_UI: "auto",
};

/** BENCH_URL, or the built app started on a free port (stopped by the returned function). */
export async function benchTarget(): Promise<{ url: string; app: AppServer | null }> {
  if (process.env.BENCH_URL) return { url: process.env.BENCH_URL, app: null };
  const app = await startApp({ port: await freePort(), env: BENCH_APP_ENV });
  return { url: app.url, app };
}

/** Runs one bench on its own (`tsx bench/<name>.bench.ts [--strict]`) against BENCH_URL or a started app. */
export function runAlone(run: (url: string) => Promise<{ checks: { pass: boolean }[] }>): void {
  const main = async (): Promise<void> => {
    const { url, app } = await benchTarget();
    try {
      const { checks } = await run(url);
      if (process.argv.includes("--strict") && checks.some((c) => !c.pass)) process.exitCode = 1;
    } finally {
      await app?.stop();
    }
  };
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}

if (require.main === module) runAlone(runLoadBench);
