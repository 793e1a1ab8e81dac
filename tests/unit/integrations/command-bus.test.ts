import { MemoryCommandBus } from "@/lib/command-bus/bus";
import type { CommandEvent } from "@/lib/command-bus/event";
import { commandEventStream } from "@/lib/command-bus/sse";

const event: CommandEvent = {
  commands: [{ type: "horizontal_line", id: "sr-s-100", price: 100, role: "support", label: "Support 100" }],
  source: "mcp",
  text: "TSLA 1D: support at 100",
};

async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, needle: string): Promise<string> {
  const decoder = new TextDecoder();
  let text = "";
  while (!text.includes(needle)) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  return text;
}

describe("MemoryCommandBus", () => {
  it("delivers to every listener of that user only, until they unsubscribe", async () => {
    const bus = new MemoryCommandBus();
    const a: CommandEvent[] = [];
    const a2: CommandEvent[] = [];
    const b: CommandEvent[] = [];
    const offA = bus.subscribe("user-a", (e) => a.push(e));
    bus.subscribe("user-a", (e) => a2.push(e));
    bus.subscribe("user-b", (e) => b.push(e));
    await bus.publish("user-a", event);
    expect(a).toEqual([event]);
    expect(a2).toEqual([event]);
    expect(b).toEqual([]);
    offA();
    offA();
    await bus.publish("user-a", event);
    expect(a).toHaveLength(1);
    expect(a2).toHaveLength(2);
    expect(bus.listenerCount("user-a")).toBe(1);
  });

  it("keeps delivering when one listener throws", async () => {
    const bus = new MemoryCommandBus();
    const got: CommandEvent[] = [];
    bus.subscribe("u", () => {
      throw new Error("boom");
    });
    bus.subscribe("u", (e) => got.push(e));
    await bus.publish("u", event);
    expect(got).toHaveLength(1);
  });
});

describe("commandEventStream", () => {
  it("writes events as the contract's data lines, pings, and unsubscribes when the client leaves", async () => {
    const bus = new MemoryCommandBus();
    const abort = new AbortController();
    const body = await commandEventStream({ subscribe: (l) => bus.subscribe("u", l), signal: abort.signal, pingMs: 20 });
    const reader = body.getReader();
    expect(await readUntil(reader, ": connected")).toContain("retry: 3000");
    await bus.publish("u", event);
    const text = await readUntil(reader, "data: ");
    const line = text.split("\n").find((l) => l.startsWith("data: "));
    expect(JSON.parse(line!.slice(6))).toEqual({ type: "chart_commands", commands: event.commands, source: "mcp", text: event.text });
    expect(await readUntil(reader, ": ping")).toContain(": ping");
    abort.abort();
    expect(bus.listenerCount("u")).toBe(0);
    const rest = await reader.read();
    expect(rest.done).toBe(true);
  });

  it("omits text when the event has none", async () => {
    const bus = new MemoryCommandBus();
    const abort = new AbortController();
    const reader = (await commandEventStream({ subscribe: (l) => bus.subscribe("u", l), signal: abort.signal })).getReader();
    await readUntil(reader, ": connected");
    await bus.publish("u", { commands: [], source: "webhook" });
    const text = await readUntil(reader, "data: ");
    const data = JSON.parse(text.slice(text.indexOf("data: ") + 6).split("\n")[0]!);
    expect(data).toEqual({ type: "chart_commands", commands: [], source: "webhook" });
    abort.abort();
  });

  it("releases the subscription when the reader cancels", async () => {
    const bus = new MemoryCommandBus();
    const abort = new AbortController();
    const body = await commandEventStream({ subscribe: (l) => bus.subscribe("u", l), signal: abort.signal });
    expect(bus.listenerCount("u")).toBe(1);
    await body.cancel();
    expect(bus.listenerCount("u")).toBe(0);
  });
});
