import { z } from "zod";
import { readJson } from "@/lib/http/body";
import { AppError } from "@/lib/http/errors";
import { describeZodError, parseOr400 } from "@/lib/http/zod-error";

function streamOf(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  return new ReadableStream({
    start(controller) {
      for (let i = 0; i < bytes.length; i += 1000) controller.enqueue(bytes.slice(i, i + 1000));
      controller.close();
    },
  });
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "ok";
  } catch (err) {
    return err instanceof AppError ? `${err.status} ${err.code}` : "thrown";
  }
}

describe("readJson", () => {
  it("rejects a declared oversize body before reading it", async () => {
    const req = new Request("http://x", { method: "POST", body: "{}", headers: { "content-length": "70000" } });
    expect(await codeOf(readJson(req))).toBe("413 payload_too_large");
  });

  it("rejects an oversize body while streaming even without content-length", async () => {
    const body = JSON.stringify({ pad: "x".repeat(70_000) });
    const req = new Request("http://x", { method: "POST", body: streamOf(body), duplex: "half" } as RequestInit);
    expect(await codeOf(readJson(req))).toBe("413 payload_too_large");
  });

  it("checks size before JSON: malformed JSON under the limit is a 400", async () => {
    expect(await codeOf(readJson(new Request("http://x", { method: "POST", body: "{nope" })))).toBe("400 invalid_request");
    expect(await codeOf(readJson(new Request("http://x", { method: "POST", body: "" })))).toBe("400 invalid_request");
  });

  it("parses a body at the limit", async () => {
    const body = JSON.stringify({ a: "y".repeat(100) });
    await expect(readJson(new Request("http://x", { method: "POST", body }), body.length)).resolves.toEqual({ a: "y".repeat(100) });
  });
});

describe("zod errors", () => {
  const Schema = z.object({ candles: z.array(z.object({ high: z.number() })), chart_context: z.object({ timeframe: z.enum(["1m", "1D"]) }) });

  it("names the field path with array indices first", () => {
    const r = Schema.safeParse({ candles: [{ high: 1 }, { high: "x" }], chart_context: { timeframe: "1D" } });
    expect(r.success).toBe(false);
    expect(describeZodError(r.error!)).toMatch(/^candles\[1\]\.high: /);
  });

  it("says required for a missing field", () => {
    const r = Schema.safeParse({ candles: [] });
    expect(describeZodError(r.error!)).toBe("chart_context: required");
  });

  it("parseOr400 throws the contract's 400 with the field in the error", () => {
    try {
      parseOr400(Schema, { candles: [], chart_context: { timeframe: "2h" } });
      throw new Error("expected a throw");
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).body().error).toMatch(/^chart_context\.timeframe: /);
    }
  });
});
