/** @type {import('jest').Config} */
const swc = ["@swc/jest", { jsc: { parser: { syntax: "typescript", tsx: true }, transform: { react: { runtime: "automatic" } }, target: "es2022" }, module: { type: "commonjs" } }];

module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  testMatch: ["**/tests/unit/**/*.test.ts", "**/tests/integration/**/*.test.ts"],
  transform: { "^.+\\.(t|j|mj)sx?$": swc },
  transformIgnorePatterns: ["/node_modules/(?!(lightweight-charts|fancy-canvas)/)"],
  moduleNameMapper: {
    "^@/(.*)$": "<rootDir>/$1",
    "^server-only$": "<rootDir>/tests/support/empty-module.js",
    "^lightweight-charts$": "<rootDir>/node_modules/lightweight-charts/dist/lightweight-charts.production.mjs",
  },
  globalSetup: "<rootDir>/tests/support/global-setup.js",
  globalTeardown: "<rootDir>/tests/support/global-teardown.js",
  testTimeout: 30000,
};
