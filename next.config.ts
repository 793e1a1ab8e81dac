import type { NextConfig } from "next";
import { execSync } from "node:child_process";

function gitCommit(): string {
  try {
    return execSync("git rev-parse HEAD", { stdio: ["ignore", "pipe", "ignore"] }).toString().trim();
  } catch {
    return "";
  }
}

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Separate build folders let parallel test runs build without clobbering each other.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  serverExternalPackages: ["better-sqlite3", "ioredis", "yahoo-finance2"],
  env: { APP_GIT_COMMIT: process.env.APP_GIT_COMMIT ?? gitCommit() },
};

export default nextConfig;
