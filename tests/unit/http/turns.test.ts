import net from "node:net";
import type { AddressInfo } from "node:net";
import { nextTurn, requestArrived } from "@/lib/http/turns";

function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

describe("turns for CPU-heavy work", () => {
  it("are granted in the order asked", async () => {
    const order: number[] = [];
    await Promise.all([1, 2, 3, 4].map(async (i) => {
      await nextTurn();
      order.push(i);
    }));
    expect(order).toEqual([1, 2, 3, 4]);
  });

  it("let a socket's data in between two turns, so a new request is not held behind every queued answer", async () => {
    const log: string[] = [];
    const server = net.createServer((socket) => socket.on("data", () => log.push("request")));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const client = net.connect((server.address() as AddressInfo).port, "127.0.0.1");
    await new Promise<void>((resolve) => client.once("connect", resolve));
    await new Promise((resolve) => setTimeout(resolve, 20));

    // Six answers of 15 ms each are queued; the request is sent while the first one runs.
    const answers = Array.from({ length: 6 }, async (_, i) => {
      await nextTurn();
      if (i === 0) client.write("hello");
      busy(15);
      log.push(`answer ${i}`);
    });
    await Promise.all(answers);
    client.destroy();
    server.close();
    expect(log.indexOf("request")).toBeGreaterThan(-1);
    expect(log.indexOf("request")).toBeLessThan(3);
  });

  const nextIteration = () => new Promise((resolve) => setImmediate(resolve));

  /** Requests arriving one per loop iteration, for `ms` or until `until()` says stop. */
  async function requestsFor(ms: number, until: () => boolean = () => false): Promise<void> {
    const end = performance.now() + ms;
    while (!until() && performance.now() < end) {
      requestArrived();
      await nextIteration();
    }
  }

  /** A turn asked for while three requests arrive on three iterations: where does it land? */
  async function turnDuringBurst(): Promise<string[]> {
    const events: string[] = [];
    const turn = nextTurn().then(() => events.push("answer"));
    for (let i = 0; i < 3; i++) {
      requestArrived();
      events.push(`request ${i}`);
      await nextIteration();
    }
    await turn;
    return events;
  }

  it("wait while a burst of requests is still arriving, and go once it has", async () => {
    expect(await turnDuringBurst()).toEqual(["request 0", "request 1", "request 2", "answer"]);
  });

  it("hold again for a new burst after a quiet gap, even when the last burst outlasted its hold", async () => {
    await Promise.all([requestsFor(20), nextTurn()]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await turnDuringBurst()).toEqual(["request 0", "request 1", "request 2", "answer"]);
  });

  it("are not starved by a steady flow of requests", async () => {
    let flowing = true;
    const flow = requestsFor(500, () => !flowing);
    const started = performance.now();
    await Promise.all(Array.from({ length: 20 }, () => nextTurn()));
    const took = performance.now() - started;
    flowing = false;
    await flow;
    // Held for 5 ms at most, then one turn per loop iteration; a hold per turn would take 100 ms.
    expect(took).toBeLessThan(60);
  });
});
