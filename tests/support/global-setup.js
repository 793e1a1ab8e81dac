// Starts one throwaway redis-server for the whole run; suites that need Redis read
// REDIS_TEST_URL and skip nothing: a missing redis-server fails the run loudly.
// Jest runs this file and what it requires through the configured transform, so the
// TypeScript helper the e2e specs use serves here too.
const { startRedis } = require("./redis-server.ts");

module.exports = async function globalSetup() {
  const redis = await startRedis();
  process.env.REDIS_TEST_URL = redis.url;
  globalThis.__REDIS_SERVER__ = redis;
};
