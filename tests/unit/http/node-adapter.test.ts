import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { readJson } from "@/lib/http/body";
import { EventStreamReply } from "@/lib/http/event-stream";
import { closeEventStreams, serveWithHandler, type WebHandler } from "@/lib/http/node-adapter";
import { defineRoute } from "@/lib/http/route";
import { webRequest } from "@/lib/http/request";

let handler: WebHandler;
let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer((req, res) => void serveWithHandler((r) => handler(r), req, res, "/test"));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function rawRequest(opts: http.RequestOptions, body?: Buffer | string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${opts.path ?? "/test"}`, opts, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

describe("serving a Web route handler from a Node server", () => {
  it("passes method, path, query, headers, the peer address and a JSON body through, and sends status, headers and every cookie back", async () => {
    handler = async (req) => {
      const url = new URL(req.url);
      const body = await readJson(req);
      const res = Response.json({ method: req.method, path: url.pathname, q: url.searchParams.get("q"), auth: req.headers.get("authorization"), ip: req.headers.get("x-forwarded-for"), body }, { status: 201 });
      res.headers.append("set-cookie", "a=1; Path=/");
      res.headers.append("set-cookie", "b=2; Path=/");
      return res;
    };
    const res = await fetch(`${base}/test?q=TSLA`, { method: "POST", headers: { authorization: "Bearer x", "content-type": "application/json" }, body: JSON.stringify({ symbol: "TSLA" }) });
    expect(res.status).toBe(201);
    expect(res.headers.getSetCookie()).toEqual(["a=1; Path=/", "b=2; Path=/"]);
    expect(res.headers.get("content-length")).toBe(String((await res.clone().arrayBuffer()).byteLength));
    expect(await res.json()).toEqual({ method: "POST", path: "/test", q: "TSLA", auth: "Bearer x", ip: "127.0.0.1", body: { symbol: "TSLA" } });
  });

  it("gives a handler that needs a Web Request one with every header, the body and the client's signal", async () => {
    let signal!: AbortSignal;
    handler = async (apiReq) => {
      const req = webRequest(apiReq);
      signal = req.signal;
      return Response.json({ url: req.url, method: req.method, tags: req.headers.get("x-tag"), ip: req.headers.get("x-forwarded-for"), body: await req.text() });
    };
    const res = await rawRequest({ method: "PUT", path: "/test?a=1", headers: { "x-tag": ["one", "two"], "content-type": "text/plain" } }, "hello");
    expect(JSON.parse(res.body)).toEqual({ url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/test\?a=1$/), method: "PUT", tags: "one, two", ip: "127.0.0.1", body: "hello" });
    expect(signal.aborted).toBe(false);
  });

  it("keeps a streamed body that readJson read, so a Web Request made afterwards (the MCP SDK's) still carries it", async () => {
    handler = async (req) => {
      const parsed = await readJson(req);
      return Response.json({ parsed, again: await webRequest(req).text() });
    };
    const body = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" });
    const res = await rawRequest({ method: "POST", headers: { "content-type": "application/json", "transfer-encoding": "chunked" } }, body);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ parsed: JSON.parse(body), again: body });
  });

  it("keeps a forwarded address a proxy set", async () => {
    handler = (req) => new Response(req.headers.get("x-forwarded-for"));
    const res = await fetch(`${base}/test`, { headers: { "x-forwarded-for": "203.0.113.9" } });
    expect(await res.text()).toBe("203.0.113.9");
  });

  it("streams a large body without a declared length to the handler, which can stop reading at its limit", async () => {
    let seen = 0;
    handler = async (req) => {
      const reader = req.body!.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        seen += value.byteLength;
        if (seen > 100_000) {
          await reader.cancel();
          return new Response("too large", { status: 413 });
        }
      }
      return new Response(`read ${seen}`);
    };
    const big = Buffer.alloc(80_000, 0x61);
    const small = await rawRequest({ method: "POST", headers: { "transfer-encoding": "chunked" } }, big);
    expect(small.body).toBe("read 80000");
    const huge = await rawRequest({ method: "POST", headers: { "transfer-encoding": "chunked" } }, Buffer.alloc(4_000_000, 0x61));
    expect(huge.status).toBe(413);
  });

  it("answers HEAD with the headers only", async () => {
    handler = () => Response.json({ ok: true });
    const res = await rawRequest({ method: "HEAD" });
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("application/json");
    expect(res.body).toBe("");
  });

  it("writes each event of an event stream as it is produced and aborts the request's signal when the client leaves", async () => {
    let aborted!: () => void;
    const wasAborted = new Promise<void>((resolve) => (aborted = resolve));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    handler = (req) => {
      req.signal.addEventListener("abort", () => aborted());
      const enc = new TextEncoder();
      const body = new ReadableStream<Uint8Array>({
        async start(controller) {
          controller.enqueue(enc.encode("data: first\n\n"));
          await gate;
          controller.enqueue(enc.encode("data: second\n\n"));
        },
      });
      return new Response(body, { headers: { "content-type": "text/event-stream" } });
    };
    const controller = new AbortController();
    const res = await fetch(`${base}/test`, { signal: controller.signal });
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toBe("data: first\n\n");
    release();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("data: second\n\n");
    controller.abort();
    await expect(wasAborted).resolves.toBeUndefined();
  });

  it("writes a route's event stream reply as its events come, with the session cookie; a client that leaves cancels the work, and the events still run to their end", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let cancelled!: () => void;
    const wasCancelled = new Promise<void>((resolve) => (cancelled = resolve));
    const produced: string[] = [];
    async function* events() {
      for (const name of ["first", "second", "third"]) {
        produced.push(name);
        yield { name };
        if (name === "first") await gate;
      }
    }
    handler = defineRoute("/test", { GET: () => EventStreamReply.of(events(), (e) => `data: ${e.name}\n\n`, () => cancelled()) }, { access: "cookie", rateLimited: false }).GET;
    const controller = new AbortController();
    const res = await fetch(`${base}/test`, { signal: controller.signal });
    expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(res.headers.getSetCookie()).toEqual([expect.stringMatching(/^sid=[\w-]{22}; Path=\/;/)]);
    const reader = res.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("data: first\n\n");
    controller.abort();
    await wasCancelled;
    release();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(produced).toEqual(["first", "second", "third"]);
  });

  it("lets a shutdown end the stream of a client that stopped reading: the work is cancelled and runs to its end", async () => {
    let produced = 0;
    let cancelled = false;
    const chunk = "x".repeat(256 * 1024);
    async function* events() {
      for (; produced < 64; produced++) yield chunk;
    }
    handler = () => EventStreamReply.of(events(), (e) => `data: ${e}\n\n`, () => (cancelled = true));
    const { port } = server.address() as AddressInfo;
    const stalled = net.connect(port, "127.0.0.1", () => stalled.write("GET /test HTTP/1.1\r\nHost: x\r\n\r\n"));
    stalled.pause();
    // Wait for the socket's buffers to fill: the writer is then waiting for a drain that never comes.
    for (let last = -1; produced !== last; ) {
      last = produced;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(produced).toBeLessThan(64);
    closeEventStreams();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(cancelled).toBe(true);
    expect(produced).toBe(64);
    stalled.destroy();
  });

  it("gzips a large body for a client that accepts it, and leaves small ones and other clients alone", async () => {
    const big = { candles: Array.from({ length: 400 }, (_, i) => ({ time: i, close: 100 + i })) };
    handler = () => Response.json(big);
    const zipped = await rawRequest({ method: "GET", headers: { "accept-encoding": "gzip, br" } });
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    const plain = await new Promise<Buffer>((resolve) => {
      http.get(`${base}/test`, { headers: { "accept-encoding": "gzip" } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve(gunzipSync(Buffer.concat(chunks))));
      });
    });
    expect(JSON.parse(plain.toString())).toEqual(big);
    expect((await rawRequest({ method: "GET" })).headers["content-encoding"]).toBeUndefined();
    expect((await rawRequest({ method: "GET", headers: { "accept-encoding": "br, gzip;q=0" } })).headers["content-encoding"]).toBeUndefined();
    expect((await rawRequest({ method: "GET", headers: { "accept-encoding": "identity, *;q=0.5" } })).headers["content-encoding"]).toBe("gzip");
    handler = () => Response.json({ ok: true });
    expect((await rawRequest({ method: "GET", headers: { "accept-encoding": "gzip" } })).headers["content-encoding"]).toBeUndefined();
  });

  it("keeps the path where it is when the Host header is malformed", async () => {
    handler = (req) => new Response(new URL(req.url).pathname + new URL(req.url).search);
    for (const host of ["a b", "x?y=1", "evil.com/other", "x#frag"]) {
      const res = await rawRequest({ method: "GET", path: "/test?symbol=TSLA", headers: { host } });
      expect({ host, status: res.status, body: res.body }).toEqual({ host, status: 200, body: "/test?symbol=TSLA" });
    }
  });

  it("ends open event streams when the server shuts down", async () => {
    handler = () => new Response(new ReadableStream<Uint8Array>({ start: (c) => c.enqueue(new TextEncoder().encode("data: hi\n\n")) }), { headers: { "content-type": "text/event-stream" } });
    const ended = new Promise<string>((resolve) => {
      http.get(`${base}/test`, (res) => {
        let text = "";
        res.on("data", (c: Buffer) => {
          text += c.toString();
          closeEventStreams();
        });
        res.on("end", () => resolve(text));
      });
    });
    await expect(ended).resolves.toBe("data: hi\n\n");
  });

  it("turns a handler that throws into the contract's 500 body, without the stack", async () => {
    handler = () => {
      throw new Error("secret detail at /srv/app.ts:12");
    };
    const res = await fetch(`${base}/test`);
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({ success: false, code: "internal" });
    expect(text).not.toContain("secret detail");
  });
});
