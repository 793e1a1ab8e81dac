import Redis from "ioredis";
import { RedisCommandBus } from "@/lib/command-bus/bus";
import type { CommandEvent } from "@/lib/command-bus/event";

const url = process.env.REDIS_TEST_URL!;

const event: CommandEvent = {
  commands: [{ type: "horizontal_line", id: "sr-r-250", price: 250, role: "resistance", label: "Resistance 250" }],
  source: "webhook",
};

function nextEvent(bus: RedisCommandBus, userId: string): { got: Promise<CommandEvent>; off: () => void; ready: Promise<void> } {
  let off: (() => void) & { ready: Promise<void> } = Object.assign(() => undefined, { ready: Promise.resolve() });
  const got = new Promise<CommandEvent>((resolve) => {
    off = bus.subscribe(userId, resolve);
  });
  return { got, off, ready: off.ready };
}

describe("RedisCommandBus (two instances)", () => {
  const clients: Redis[] = [];
  const buses: RedisCommandBus[] = [];
  const make = () => {
    const c = new Redis(url);
    clients.push(c);
    const b = new RedisCommandBus(c);
    buses.push(b);
    return b;
  };

  afterAll(async () => {
    await Promise.all(buses.map((b) => b.close()));
    await Promise.all(clients.map((c) => c.quit()));
  });

  it("delivers a command published on one instance to a page subscribed on the other", async () => {
    const a = make();
    const b = make();
    const sub = nextEvent(b, "user-x");
    await sub.ready;
    await a.publish("user-x", event);
    await expect(sub.got).resolves.toEqual(event);
    sub.off();
  });

  it("does not deliver to another user, and stops after unsubscribe", async () => {
    const a = make();
    const b = make();
    const other: CommandEvent[] = [];
    const offOther = b.subscribe("user-other", (e) => other.push(e));
    await offOther.ready;
    const mine: CommandEvent[] = [];
    const off = b.subscribe("user-y", (e) => mine.push(e));
    await off.ready;
    await a.publish("user-y", event);
    await new Promise((r) => setTimeout(r, 100));
    expect(mine).toHaveLength(1);
    expect(other).toHaveLength(0);
    off();
    await new Promise((r) => setTimeout(r, 50));
    await a.publish("user-y", event);
    await new Promise((r) => setTimeout(r, 100));
    expect(mine).toHaveLength(1);
    offOther();
  });

  it("drops malformed messages on the channel", async () => {
    const b = make();
    const got: CommandEvent[] = [];
    const off = b.subscribe("user-z", (e) => got.push(e));
    await off.ready;
    const raw = new Redis(url);
    clients.push(raw);
    await raw.publish("chart-commands:user-z", "{not json");
    await raw.publish("chart-commands:user-z", JSON.stringify({ commands: [{ type: "bogus" }], source: "mcp" }));
    await raw.publish("chart-commands:user-z", JSON.stringify(event));
    await new Promise((r) => setTimeout(r, 150));
    expect(got).toEqual([event]);
    off();
  });
});
