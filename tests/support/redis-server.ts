import { spawn } from "node:child_process";
import net from "node:net";
import { freePort, startApp, type AppServer } from "./app-server";

export interface RedisServer {
  url: string;
  stop(): Promise<void>;
}

async function waitForPort(port: number, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const sock = net.connect(port, "127.0.0.1");
      sock.once("connect", () => (sock.end(), resolve(true)));
      sock.once("error", () => (sock.destroy(), resolve(false)));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`redis-server did not open port ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * A throwaway redis-server (`REDIS_SERVER_BIN` or `redis-server` on the PATH) on a free port,
 * without persistence; resolves once it accepts connections. A missing binary fails loudly.
 */
export async function startRedis(): Promise<RedisServer> {
  const port = await freePort();
  const bin = process.env.REDIS_SERVER_BIN || "redis-server";
  const child = spawn(bin, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
  let spawnError: Error | null = null;
  child.once("error", (err) => (spawnError = err));
  try {
    await waitForPort(port, 10_000);
  } catch (err) {
    child.kill("SIGKILL");
    throw spawnError ? new Error(`could not start ${bin}: ${(spawnError as Error).message}`) : err;
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

export interface AppsOnRedis {
  apps: AppServer[];
  stop(): Promise<void>;
}

/**
 * One throwaway Redis and an app instance per port sharing it (`REDIS_URL` added to `env`), for
 * the multi-instance checks; whatever started is stopped again if the rest fails to start.
 */
export async function startAppsOnRedis(opts: { ports: readonly number[]; env: Record<string, string> }): Promise<AppsOnRedis> {
  const redis = await startRedis();
  const env = { ...opts.env, REDIS_URL: redis.url };
  const started = await Promise.allSettled(opts.ports.map((port) => startApp({ port, env })));
  const apps = started.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
  const stop = async () => {
    await Promise.all(apps.map((app) => app.stop()));
    await redis.stop();
  };
  const failed = started.find((r) => r.status === "rejected");
  if (failed) {
    await stop();
    throw failed.reason;
  }
  return { apps, stop };
}
