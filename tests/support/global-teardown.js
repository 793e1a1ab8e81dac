module.exports = async function globalTeardown() {
  const child = globalThis.__REDIS_CHILD__;
  if (child && child.exitCode === null) child.kill("SIGTERM");
};
