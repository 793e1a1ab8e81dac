import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig, devices } from "@playwright/test";

/**
 * End-to-end tests against the production server (`npm start`; the test command builds first),
 * served on port 3100 with demo data and fixed secrets. Set NEXT_DIST_DIR to test a build kept
 * in another folder, CHROMIUM_PATH for a browser outside Debian's default place, E2E_PORT to run
 * beside another server on 3100.
 */
const PORT = Number(process.env.E2E_PORT) || 3100;
const dataDir = mkdtempSync(join(tmpdir(), "chart-e2e-"));

const env: Record<string, string> = {
  MARKET_DATA_PROVIDER: "demo",
  RATE_LIMIT_PER_MIN: "0",
  CHART_ACTION_SECRET: "e2e-secret",
  CHATKIT_ORIGINS: "http://127.0.0.1:3101",
  CHAT_UI: "auto",
  DATA_DIR: dataDir,
  LOG_SILENT: "1",
  PORT: String(PORT),
};
if (process.env.NEXT_DIST_DIR) env.NEXT_DIST_DIR = process.env.NEXT_DIST_DIR;

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : "list",
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        viewport: { width: 1440, height: 900 },
        launchOptions: { executablePath: process.env.CHROMIUM_PATH || "/usr/lib/chromium/chromium" },
      },
    },
  ],
  webServer: {
    command: "npm start",
    url: `http://localhost:${PORT}/api/health`,
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
    env,
  },
});
