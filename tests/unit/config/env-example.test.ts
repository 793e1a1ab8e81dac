import { readFileSync } from "node:fs";
import { ServerEnvSchema } from "@/lib/config/env";
import { ServerProcessEnvSchema } from "@/server/env";

/** Set by the platform, not by whoever deploys. */
const PLATFORM_SET = new Set(["NODE_ENV", "VERCEL", "NETLIFY", "AWS_LAMBDA_FUNCTION_NAME"]);

describe(".env.example", () => {
  it("documents every variable the server reads", () => {
    const documented = new Set([...readFileSync(".env.example", "utf8").matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]));
    const read = [...Object.keys(ServerEnvSchema.shape), ...Object.keys(ServerProcessEnvSchema.shape)].filter((k) => !PLATFORM_SET.has(k));
    expect(read.filter((k) => !documented.has(k))).toEqual([]);
  });
});
