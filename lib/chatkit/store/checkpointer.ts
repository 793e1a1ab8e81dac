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
 * PASSIVE checkpoints (they never block the writer) every `intervalMs`.
 */
const SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file, { timeout: 5000 });
const checkpoint = () => {
  try {
    db.pragma("wal_checkpoint(PASSIVE)");
  } catch (err) {
    parentPort.postMessage({ error: String(err && err.message || err) });
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on("message", () => {
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

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
    worker = new Worker(SOURCE, { eval: true, workerData: { file: path.resolve(file), driver: driverPath(), intervalMs } });
  } catch (err) {
    log.warn("sqlite checkpointer did not start; checkpoints stay on the event loop", { error: err instanceof Error ? err.message : String(err) });
    return null;
  }
  let closing = false;
  worker.unref();
  worker.on("message", (m: { error?: string }) => log.warn("sqlite checkpoint failed", { error: m.error }));
  worker.on("error", (err) => log.warn("sqlite checkpointer failed", { error: err.message }));
  worker.on("exit", () => {
    if (!closing) onExit();
  });
  return {
    close: () => {
      closing = true;
      const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
      // Held open until the last checkpoint is done, even in a process with nothing else to do.
      worker.ref();
      worker.postMessage("close");
      return exited;
    },
  };
}
