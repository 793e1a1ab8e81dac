/**
 * Load test of the rules-engine chart action against /api/health on the same server.
 *
 *   npm run bench:load                  # starts the built app (next build first) on a free port
 *   BENCH_URL=http://host:3000 ...      # or measures a running server (BENCH_SECRET = its CHART_ACTION_SECRET)
 *
 * 32 keep-alive connections (BENCH_CONNECTIONS) for ~10 s per target (BENCH_DURATION_S) after a
 * short warm-up. Prints a table and one JSON line per target, then PASS/FAIL for: chart action
 * requests/s >= half of health's, chart action p99 < 50 ms, zero errors. Exits 1 on FAIL.
 */
import http from "node:http";
import { freePort, startApp, type AppServer } from "../tests/support/app-server";

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS) || 32;
const DURATION_MS = (Number(process.env.BENCH_DURATION_S) || 10) * 1000;
const WARMUP_MS = 1500;
const P99_LIMIT_MS = 50;

interface Target {
  name: string;
  method: "GET" | "POST";
  path: string;
  body?: string;
}

interface Result {
  name: string;
  requests: number;
  errors: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  statuses: Record<string, number>;
}

const TARGETS: Target[] = [
  { name: "health", method: "GET", path: "/api/health" },
  {
    name: "chart_action",
    method: "POST",
    path: "/api/chatkit/chart-action",
    body: JSON.stringify({ query: "draw support and resistance", chart_context: { symbol: "TSLA", timeframe: "1D" } }),
  },
];

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** One request on the shared keep-alive agent; resolves with the status (0 on a network error). */
function once(agent: http.Agent, base: URL, target: Target, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const req = http.request(
      { agent, host: base.hostname, port: base.port, method: target.method, path: target.path, headers: target.body ? { ...headers, "content-type": "application/json", "content-length": Buffer.byteLength(target.body) } : headers },
      (res) => {
        res.on("data", () => undefined);
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("error", () => resolve(0));
      },
    );
    req.on("error", () => resolve(0));
    if (target.body) req.write(target.body);
    req.end();
  });
}

async function run(base: URL, target: Target, headers: Record<string, string>, ms: number, record: boolean): Promise<Result> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  // Latencies in a preallocated typed array: the generator must not be what the numbers measure.
  let lat = new Float64Array(1 << 16);
  let n = 0;
  let errors = 0;
  const statuses: Record<string, number> = {};
  const started = performance.now();
  const end = started + ms;
  const worker = async () => {
    while (performance.now() < end) {
      const t0 = performance.now();
      const status = await once(agent, base, target, headers);
      const dt = performance.now() - t0;
      if (!record) continue;
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status < 200 || status >= 300) errors++;
      if (n === lat.length) {
        const grown = new Float64Array(lat.length * 2);
        grown.set(lat);
        lat = grown;
      }
      lat[n++] = dt;
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  const elapsed = performance.now() - started;
  agent.destroy();
  const sorted = lat.subarray(0, n).sort();
  return {
    name: target.name,
    requests: n,
    errors,
    rps: Math.round((n / elapsed) * 1000),
    p50: Math.round(percentile(sorted, 50) * 100) / 100,
    p99: Math.round(percentile(sorted, 99) * 100) / 100,
    max: Math.round((sorted[n - 1] ?? Number.NaN) * 100) / 100,
    statuses,
  };
}

async function main(): Promise<void> {
  let app: AppServer | null = null;
  let baseUrl = process.env.BENCH_URL;
  if (!baseUrl) {
    app = await startApp({ port: await freePort(), env: { MARKET_DATA_PROVIDER: "demo", RATE_LIMIT_PER_MIN: "0", CHART_ACTION_SECRET: "", OPENAI_API_KEY: "" } });
    baseUrl = app.url;
  }
  const base = new URL(baseUrl);
  const headers: Record<string, string> = process.env.BENCH_SECRET ? { authorization: `Bearer ${process.env.BENCH_SECRET}` } : {};
  try {
    const results: Result[] = [];
    for (const target of TARGETS) {
      await run(base, target, headers, WARMUP_MS, false);
      results.push(await run(base, target, headers, DURATION_MS, true));
    }
    const [health, action] = results as [Result, Result];

    print(`\nLoad test: ${CONNECTIONS} connections, ${DURATION_MS / 1000} s per target, ${base.origin}\n`);
    print("target        requests   req/s   p50 ms   p99 ms   max ms   errors");
    for (const r of results) {
      print(
        `${r.name.padEnd(12)} ${String(r.requests).padStart(9)} ${String(r.rps).padStart(7)} ${r.p50.toFixed(2).padStart(8)} ${r.p99.toFixed(2).padStart(8)} ${r.max.toFixed(2).padStart(8)} ${String(r.errors).padStart(8)}`,
      );
    }
    print("");
    for (const r of results) print(JSON.stringify({ bench: "load", connections: CONNECTIONS, duration_s: DURATION_MS / 1000, ...r }));

    const checks = [
      { name: "chart action req/s >= half of health req/s", ok: action.rps >= health.rps / 2, value: `${action.rps} vs ${health.rps}` },
      { name: `chart action p99 < ${P99_LIMIT_MS} ms`, ok: action.p99 < P99_LIMIT_MS, value: `${action.p99} ms` },
      { name: "zero errors", ok: health.errors + action.errors === 0, value: `${health.errors + action.errors}` },
    ];
    print("");
    for (const c of checks) print(`${c.ok ? "PASS" : "FAIL"}  ${c.name} (${c.value})`);
    const ok = checks.every((c) => c.ok);
    print(JSON.stringify({ bench: "load", result: ok ? "PASS" : "FAIL", checks }));
    process.exitCode = ok ? 0 : 1;
  } finally {
    await app?.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
