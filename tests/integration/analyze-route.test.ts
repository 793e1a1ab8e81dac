import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { resetServerEnv } from "@/lib/config/env";
import { ChartCommandSchema } from "@/lib/commands/schema";
import { randomWalk } from "@/tests/support/generators/random-walk";
import { GET, POST } from "@/app/api/analyze/route";

const ORIGINAL_ENV = { ...process.env };

beforeEach(() => {
  process.env = { ...ORIGINAL_ENV, LOG_SILENT: "1", RATE_LIMIT_PER_MIN: "0", DATA_DIR: mkdtempSync(join(tmpdir(), "analyze-route-")) };
  resetServerEnv();
});

afterEach(() => {
  process.env = { ...ORIGINAL_ENV };
  resetServerEnv();
});

const URL = "http://localhost/api/analyze";
const post = (body: unknown, headers: Record<string, string> = {}) =>
  POST(new Request(URL, { method: "POST", body: typeof body === "string" ? body : JSON.stringify(body), headers: { "content-type": "application/json", ...headers } }));

async function errorOf(res: Response) {
  const body = (await res.json()) as { success: boolean; code: string; error: string; text: string };
  expect(body.success).toBe(false);
  expect(typeof body.text).toBe("string");
  return { status: res.status, code: body.code, error: body.error };
}

const candles = randomWalk({ seed: 4, n: 300 });

describe("POST /api/analyze", () => {
  it("answers every tool and valid chart commands when tools are omitted", async () => {
    const res = await post({ candles });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(["candlesticks", "chart_commands", "fibonacci", "patterns", "success", "support_resistance", "trend", "trendlines"]);
    expect(body.success).toBe(true);
    expect(body.trend).toMatchObject({ direction: expect.stringMatching(/^(up|down|sideways)$/), strength: expect.any(Number) });
    const sr = body.support_resistance as { levels: { price: number; role: string }[]; zones: unknown[] };
    expect(sr.levels.length).toBeGreaterThan(0);
    const commands = body.chart_commands as unknown[];
    expect(commands.length).toBeGreaterThan(0);
    for (const c of commands) expect(ChartCommandSchema.safeParse(c).success).toBe(true);
  });

  it("answers only the requested tools, ignoring options and unknown fields", async () => {
    const res = await post({ candles, tools: ["trend", "fibonacci"], options: { anything: 1 }, extra: true });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(["chart_commands", "fibonacci", "success", "trend"]);
    expect((body.chart_commands as { type: string }[]).map((c) => c.type)).toEqual(["fibonacci"]);
  });

  it("accepts candles without volume and the minimum of two", async () => {
    const two = candles.slice(0, 2).map(({ time, open, high, low, close }) => ({ time, open, high, low, close }));
    const res = await post({ candles: two, tools: ["support_resistance", "trend"] });
    expect(res.status).toBe(200);
  });

  const bad = (i: number, patch: Record<string, unknown>) => candles.map((c, k) => (k === i ? { ...c, ...patch } : c));

  it.each([
    ["a time that does not increase names the later candle", bad(17, { time: candles[16]!.time }), /^candles\[17\]\.time: /],
    ["a high below the body", bad(17, { high: candles[17]!.low }), /^candles\[17\]\.high: /],
    ["a low above the body", bad(5, { low: Math.max(candles[5]!.open, candles[5]!.close) + 1 }), /^candles\[5\]\.low: /],
    ["a negative price", bad(3, { open: -1 }), /^candles\[3\]\.open: /],
    ["a non-integer time", bad(9, { time: candles[9]!.time + 0.5 }), /^candles\[9\]\.time: /],
    ["a negative volume", bad(2, { volume: -5 }), /^candles\[2\]\.volume: /],
    ["a missing close", bad(4, { close: undefined }), /^candles\[4\]\.close: /],
  ])("rejects %s with 400 naming the field", async (_name, list, pattern) => {
    const { status, code, error } = await errorOf(await post({ candles: list }));
    expect(status).toBe(400);
    expect(code).toBe("invalid_request");
    expect(error).toMatch(pattern);
  });

  it("names the first bad candle when several are bad", async () => {
    const list = candles.map((c, k) => (k === 40 ? { ...c, high: 0 } : k === 90 ? { ...c, time: 0 } : c));
    expect((await errorOf(await post({ candles: list }))).error).toMatch(/^candles\[40\]\.high: /);
  });

  it.each([
    ["one candle", { candles: candles.slice(0, 1) }, /^candles: .*at least 2/],
    ["more than 20,000 candles", { candles: Array.from({ length: 20_001 }, (_, i) => ({ time: i, open: 1, high: 1, low: 1, close: 1 })) }, /^candles: .*at most 20000/],
    ["no candles", {}, /^candles: /],
    ["an empty tools list", { candles, tools: [] }, /^tools: /],
    ["an unknown tool", { candles, tools: ["trend", "astrology"] }, /^tools\[1\]: /],
    ["a body that is not an object", [1, 2, 3], /./],
  ])("rejects %s with 400", async (_name, body, pattern) => {
    const { status, code, error } = await errorOf(await post(body));
    expect(status).toBe(400);
    expect(code).toBe("invalid_request");
    expect(error).toMatch(pattern);
  });

  it("rejects malformed JSON with 400", async () => {
    const { status, error } = await errorOf(await post("{\"candles\": ["));
    expect(status).toBe(400);
    expect(error).toMatch(/malformed JSON/);
  });

  it("rejects a declared body over 4 MiB with 413 before reading it", async () => {
    const { status, code } = await errorOf(await post({ candles }, { "content-length": String(4_194_305) }));
    expect(status).toBe(413);
    expect(code).toBe("payload_too_large");
  });

  it("rejects a streamed body over 4 MiB with 413", async () => {
    const chunk = new TextEncoder().encode(" ".repeat(1 << 20));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 5) return controller.close();
        sent++;
        controller.enqueue(chunk);
      },
    });
    const req = new Request(URL, { method: "POST", body: stream, headers: { "content-type": "application/json" }, duplex: "half" } as RequestInit);
    const { status, code } = await errorOf(await POST(req));
    expect(status).toBe(413);
    expect(code).toBe("payload_too_large");
  });

  it("answers other methods with 405 and allow: POST", async () => {
    const res = await GET(new Request(URL));
    expect(res.headers.get("allow")).toBe("POST");
    const { status, code } = await errorOf(res);
    expect(status).toBe(405);
    expect(code).toBe("method_not_allowed");
  });
});
