import { createSseParser } from "@/lib/chatkit/sse-parser";
import { createRng } from "../../support/generators/rng";

function parseAll(chunks: string[]): string[] {
  const parser = createSseParser();
  const out: string[] = [];
  for (const chunk of chunks) out.push(...parser.push(chunk));
  parser.end();
  return out;
}

describe("createSseParser", () => {
  it("returns the data of each complete event", () => {
    expect(parseAll(['data: {"a":1}\n\ndata: {"b":2}\n\n'])).toEqual(['{"a":1}', '{"b":2}']);
  });

  it("joins multi-line data with newlines and strips one leading space only", () => {
    expect(parseAll(["data: one\ndata:  two\ndata:three\n\n"])).toEqual(["one\n two\nthree"]);
  });

  it("skips comments, other fields and blank events", () => {
    expect(parseAll([": ping\n\nevent: x\nid: 7\nretry: 10\ndata: kept\n\n\n\n"])).toEqual(["kept"]);
  });

  it("accepts CRLF and CR line endings, even split between chunks", () => {
    expect(parseAll(["data: a\r\n\r\ndata: b\r\r", "data: c\r", "\n\r\n"])).toEqual(["a", "b", "c"]);
  });

  it("drops an event the stream ended without closing", () => {
    expect(parseAll(["data: done\n\ndata: cut off"])).toEqual(["done"]);
  });

  it("gives the same events however the bytes are chunked", () => {
    const events = Array.from({ length: 40 }, (_, i) => JSON.stringify({ type: "progress_update", text: `step ${i} ✓`, n: i }));
    const body = events.map((e, i) => (i % 3 === 0 ? `: ping\r\ndata: ${e}\r\n\r\n` : `data: ${e}\n\n`)).join("");
    for (let seed = 1; seed <= 25; seed++) {
      const rng = createRng(seed);
      const chunks: string[] = [];
      for (let at = 0; at < body.length; ) {
        const len = rng.int(1, 40);
        chunks.push(body.slice(at, at + len));
        at += len;
      }
      expect(parseAll(chunks)).toEqual(events);
    }
  });
});
