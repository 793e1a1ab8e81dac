module.exports = async function globalTeardown() {
  await globalThis.__REDIS_SERVER__?.stop();
};
