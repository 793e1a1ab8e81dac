// Bundles the production server (server/main.ts and the lib/ and app/api code it serves) into
// one CommonJS file in Next's build folder; node_modules stay external, as Next's own server has them.
import { build } from "esbuild";
import { readFileSync } from "node:fs";
import path from "node:path";

const distDir = process.env.NEXT_DIST_DIR || ".next";
// Runs after `next build`, whose resolved config carries the build-time env next.config.ts set.
const nextEnv = JSON.parse(readFileSync(path.join(distDir, "required-server-files.json"), "utf8")).config.env ?? {};

await build({
  entryPoints: ["server/main.ts"],
  outfile: path.join(distDir, "app-server.cjs"),
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  packages: "external",
  // `server-only` throws unless resolved under React's server condition, which this process is not.
  alias: { "server-only": "./server/empty-module.cjs" },
  tsconfig: "tsconfig.json",
  sourcemap: "linked",
  // `next start` sets NODE_ENV before Next.js loads; the banner runs before any require does.
  banner: { js: 'process.env.NODE_ENV = "production";' },
  // The same build-time values the Next.js bundle has inlined (the commit /api/health reports).
  define: Object.fromEntries(Object.entries(nextEnv).map(([k, v]) => [`process.env.${k}`, JSON.stringify(v)])),
  logLevel: "warning",
});
