// Starts one throwaway redis-server for the whole run; suites that need Redis read
// REDIS_TEST_URL and skip nothing: a missing redis-server fails the run loudly.
const { spawn } = require("node:child_process");
const net = require("node:net");

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

function waitForPort(port, ms) {
  const deadline = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const sock = net.connect(port, "127.0.0.1");
      sock.once("connect", () => { sock.end(); resolve(); });
      sock.once("error", () => {
        sock.destroy();
        if (Date.now() > deadline) reject(new Error(`redis-server did not open port ${port}`));
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

module.exports = async function globalSetup() {
  const port = await freePort();
  const bin = process.env.REDIS_SERVER_BIN || "redis-server";
  const child = spawn(bin, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
    stdio: "ignore",
    detached: false,
  });
  child.on("error", (err) => { console.error(`could not start ${bin}: ${err.message}`); });
  await waitForPort(port, 10000);
  process.env.REDIS_TEST_URL = `redis://127.0.0.1:${port}`;
  globalThis.__REDIS_CHILD__ = child;
};
