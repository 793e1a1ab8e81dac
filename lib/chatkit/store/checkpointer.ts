import "server-only";
import { createRequire } from "node:module";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { log } from "@/lib/log/logger";

/**
 * Moves a WAL database's checkpoints onto a worker thread. A checkpoint copies the WAL into the
 * database file and fsyncs it; on the test machine's disk that is ~20 ms per 1,000 pages, and
 * SQLite's automatic checkpoint runs it inside whichever commit crosses 1,000 pages: on the
 * server's one event loop, stalling every request for it. The worker's own connection runs
 * PASSIVE checkpoints (they never block the writer) every `intervalMs`; after three failures in
 * a row it stops, and the store goes back to SQLite's own checkpoints.
 */
const SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file, { timeout: 5000 });
let failures = 0;
const stop = () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
};
const checkpoint = () => {
  try {
    db.pragma("wal_checkpoint(PASSIVE)");
    failures = 0;
  } catch (err) {
    parentPort.postMessage({ error: String((err && err.message) || err) });
    // A file that keeps failing (deleted, unreadable) goes back to SQLite's own checkpoints.
    if (++failures >= workerData.maxFailures) stop();
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on("message", () => {
  checkpoint();
  stop();
});
`;

/** Consecutive failed checkpoints after which the worker gives up. */
const MAX_FAILURES = 3;

export interface Checkpointer {
  /** A last checkpoint, then the worker ends. */
  close(): Promise<void>;
}

/** The driver's entry file, for the worker to load the same native module. */
function driverPath(): string {
  return createRequire(path.join(process.cwd(), "package.json")).resolve("better-sqlite3");
}

/**
 * Starts the worker, or returns null when it cannot start (the caller then keeps SQLite's own
 * checkpoints). `onExit` runs when the worker stops other than through `close()`.
 */
export function startCheckpointer(file: string, intervalMs: number, onExit: () => void): Checkpointer | null {
  let worker: Worker;
  try {
    worker = new Worker(SOURCE, { eval: true, workerData: { file: path.resolve(file), driver: driverPath(), intervalMs, maxFailures: MAX_FAILURES } });
  } catch (err) {
    log.warn("sqlite checkpointer did not start; checkpoints stay on the event loop", { error: err instanceof Error ? err.message : String(err) });
    return null;
  }
  let closing = false;
  let exited = false;
  worker.on("message", (m: { error?: string }) => log.warn("sqlite checkpoint failed", { error: m.error }));
  worker.on("error", (err) => log.warn("sqlite checkpointer failed", { error: err.message }));
  worker.on("exit", () => {
    exited = true;
    if (closing) return;
    log.warn("sqlite checkpointer stopped; checkpoints are back on the event loop");
    onExit();
  });
  // After the listeners: in Node 20 adding a `message` listener refs the worker's port again,
  // and a store nobody closed would then keep its process alive.
  worker.unref();
  return {
    close: () => {
      closing = true;
      if (exited) return Promise.resolve();
      const done = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
      // Held open until the last checkpoint is done, even in a process with nothing else to do.
      worker.ref();
      worker.postMessage("close");
      return done;
    },
  };
}
