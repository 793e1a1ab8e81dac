import OpenAI from "openai";
import { startFakeOpenAI, type FakeOpenAI } from "../../support/fake-openai";

/** The test double itself: what the real client sees from it, streamed and not. */

let fake: FakeOpenAI;
let client: OpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI();
  client = new OpenAI({ apiKey: "sk-fake", baseURL: fake.url, maxRetries: 0 });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

it("streams text deltas and function calls as the Responses API does", async () => {
  fake.enqueue({ type: "tool_calls", text: "Let me look.", calls: [{ name: "trendlines", arguments: { symbol: "TSLA" }, call_id: "c1" }] });
  const stream = await client.responses.create({ model: "m", input: "hi", stream: true });
  let text = "";
  const calls: { name: string; arguments: string; call_id: string }[] = [];
  let completed = false;
  for await (const e of stream) {
    if (e.type === "response.output_text.delta") text += e.delta;
    if (e.type === "response.output_item.done" && e.item.type === "function_call") calls.push(e.item);
    if (e.type === "response.completed") completed = true;
  }
  expect(text).toBe("Let me look.");
  expect(calls).toEqual([expect.objectContaining({ name: "trendlines", arguments: '{"symbol":"TSLA"}', call_id: "c1" })]);
  expect(completed).toBe(true);
  expect(fake.requests[0]).toMatchObject({ method: "POST", path: "/v1/responses", body: { model: "m", input: "hi", stream: true } });
});

it("answers without streaming too", async () => {
  fake.enqueue({ type: "text", text: "plain answer" });
  const res = await client.responses.create({ model: "m", input: "hi" });
  expect(res.output_text).toBe("plain answer");
});

it("plays errors with their status and headers, and 500 when the script ran out", async () => {
  fake.enqueue({ type: "error", status: 429, headers: { "retry-after": "7" }, message: "slow down" });
  await expect(client.responses.create({ model: "m", input: "x" })).rejects.toMatchObject({ status: 429 });
  await expect(client.responses.create({ model: "m", input: "x" })).rejects.toMatchObject({ status: 500 });
});

it("replies from a function of the request, and delays when asked", async () => {
  fake.enqueue((req) => ({ type: "text", text: `echo ${String(req.body?.input)}`, delayMs: 150 }));
  const t0 = Date.now();
  const res = await client.responses.create({ model: "m", input: "ping" });
  expect(res.output_text).toBe("echo ping");
  expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
  expect(fake.pending()).toBe(0);
});
