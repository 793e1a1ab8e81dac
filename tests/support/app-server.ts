import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

export interface AppServer {
  url: string;
  stop(): Promise<void>;
  /** The process's exit code once it has exited (null when a signal ended it). */
  exited: Promise<number | null>;
}

/** A TCP port free on 127.0.0.1 right now (the OS picks it; closed again before returning). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

async function waitForHealth(url: string, child: ChildProcess, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`app exited with ${child.exitCode} before it was healthy`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`app at ${url} not healthy after ${ms} ms`);
}

/**
 * Starts the production server (`npm start`: server/main.ts, built into the Next build folder by
 * `npm run build`) on an already-built app as its own process group, so stopping it stops
 * everything it started.
 */
export async function startApp(opts: {
  port: number;
  env?: Record<string, string>;
  /** Receives the app's stdout (its JSON log lines); without it stdout is discarded. */
  onStdout?: (chunk: Buffer) => void;
}): Promise<AppServer> {
  const url = `http://127.0.0.1:${opts.port}`;
  const dataDir = mkdtempSync(path.join(tmpdir(), "chart-app-"));
  const entry = path.resolve(process.env.NEXT_DIST_DIR || ".next", "app-server.cjs");
  const child = spawn(process.execPath, [entry], {
    env: { ...process.env, DATA_DIR: dataDir, LOG_SILENT: "1", RATE_LIMIT_PER_MIN: "0", PORT: String(opts.port), HOST: "127.0.0.1", ...opts.env } as NodeJS.ProcessEnv,
    stdio: ["ignore", opts.onStdout ? "pipe" : "ignore", "pipe"],
    detached: true,
  });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  if (opts.onStdout) child.stdout?.on("data", opts.onStdout);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  try {
    await waitForHealth(url, child, 30_000);
  } catch (err) {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // Already gone.
    }
    throw new Error(`${(err as Error).message}\n${stderr.slice(-2000)}`);
  }
  return {
    url,
    exited,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        try {
          process.kill(-child.pid!, "SIGTERM");
        } catch {
          resolve();
        }
      }),
  };
}
