import { restoreTestEnv, setTestEnv } from "@/tests/support/test-env";
import fc from "fast-check";
import * as chartActionRoute from "@/app/api/chatkit/chart-action/route";
import * as webhookRoute from "@/app/api/chatkit/webhook/route";
import * as chartContextRoute from "@/app/api/chart-context/route";

/**
 * Hostile and malformed bodies: never a 5xx, and every non-2xx answer is the contract's error
 * body. Bodies mix near-valid shapes (the interesting part of the space) with arbitrary JSON
 * and raw text. Seeded, so a failure replays.
 */

beforeAll(() => setTestEnv({ SESSION_SECRET: "fuzz-secret", RATE_LIMIT_PER_MIN: "0", LOG_SILENT: "1" }));
afterAll(restoreTestEnv);

const timeframe = fc.oneof(fc.constantFrom("1m", "5m", "15m", "30m", "1h", "4h", "1D", "1W", "1M", "daily", "4hr", "1y", "", "1d "), fc.string());
const symbol = fc.oneof(fc.constantFrom("TSLA", "nvda", "$AAPL", "^GSPC", "BTC-USD", "", " ", "EURUSD=X", "A".repeat(20)), fc.string(), fc.integer());
const visibleRange = fc.oneof(fc.constant(null), fc.record({ from: fc.oneof(fc.integer(), fc.double(), fc.string()), to: fc.oneof(fc.integer(), fc.double()) }, { requiredKeys: [] }));
const chartContext = fc.oneof(
  fc.constant(null),
  fc.anything(),
  fc.record({ symbol, timeframe, snapshot_id: fc.oneof(fc.constant(null), fc.string({ maxLength: 200 })), visible_range: visibleRange }, { requiredKeys: [] }),
);
const text = fc.oneof(
  fc.constantFrom("draw support and resistance", "what chart is loaded?", "detect patterns", "add 50 and 200 sma", "clear", "load $NVDA weekly", "hi", ""),
  fc.string({ maxLength: 300 }),
  fc.string({ unit: "grapheme", maxLength: 100 }),
  fc.integer(),
  fc.constant(null),
);

const actionBody = fc.record(
  { query: text, conversation_id: fc.oneof(fc.string({ maxLength: 140 }), fc.integer(), fc.constant(null)), user_id: fc.oneof(fc.string({ maxLength: 140 }), fc.constant(null)), chart_context: chartContext, metadata: fc.anything() },
  { requiredKeys: [] },
);
const webhookBody = fc.record(
  { message: text, user_id: fc.oneof(fc.string({ maxLength: 140 }), fc.integer()), thread_id: fc.oneof(fc.string({ maxLength: 140 }), fc.constant(null)), chart_context: chartContext },
  { requiredKeys: [] },
);
const contextBody = fc.record(
  { chart_context: chartContext, drawings: fc.oneof(fc.anything(), fc.array(fc.record({ id: fc.string(), type: fc.string(), label: fc.oneof(fc.string(), fc.integer()) }, { requiredKeys: [] }), { maxLength: 5 })) },
  { requiredKeys: [] },
);

/** A JSON body, any JSON at all, or raw text that may not be JSON. */
const raw = (shaped: fc.Arbitrary<unknown>) =>
  fc.oneof(
    { weight: 6, arbitrary: shaped.map((b) => JSON.stringify(b) ?? "null") },
    { weight: 2, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
  );

async function check(res: Response): Promise<void> {
  expect(res.status).toBeLessThan(500);
  if (res.status >= 300 || res.status === 204) {
    if (res.status === 204) return;
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toEqual({ success: false, code: expect.any(String), error: expect.any(String), text: expect.any(String) });
  } else {
    await res.json();
  }
}

const req = (path: string, method: string, body: string) =>
  new Request(`http://localhost:3000${path}`, { method, headers: { "content-type": "application/json", cookie: "sid=AAAAAAAAAAAAAAAAAAAAAA" }, body });

describe("fuzzing request bodies", () => {
  it("chart action: no 5xx, contract error bodies", async () => {
    await fc.assert(fc.asyncProperty(raw(actionBody), async (body) => check(await chartActionRoute.POST(req("/api/chatkit/chart-action", "POST", body)))), { numRuns: 250, seed: 4242 });
  });

  it("webhook: no 5xx, contract error bodies", async () => {
    await fc.assert(fc.asyncProperty(raw(webhookBody), async (body) => check(await webhookRoute.POST(req("/api/chatkit/webhook", "POST", body)))), { numRuns: 250, seed: 4343 });
  });

  it("chart context: no 5xx, contract error bodies", async () => {
    await fc.assert(fc.asyncProperty(raw(contextBody), async (body) => check(await chartContextRoute.PUT(req("/api/chart-context", "PUT", body)))), { numRuns: 250, seed: 4444 });
  });
});
