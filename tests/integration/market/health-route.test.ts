import packageJson from "@/package.json";
import { resetServerEnv } from "@/lib/config/env";
import { GET, POST } from "@/app/api/health/route";

const ORIGINAL_ENV = { ...process.env };

function setEnv(vars: Record<string, string | undefined>) {
  const env: Record<string, string | undefined> = { ...ORIGINAL_ENV, LOG_SILENT: "1", DATA_DIR: "/tmp/health-route-test" };
  for (const k of ["OPENAI_API_KEY", "REDIS_URL", "CHATKIT_WORKFLOW_ID", "MARKET_DATA_PROVIDER", "RATE_LIMIT_PER_MIN", "VERCEL", "NETLIFY", "AWS_LAMBDA_FUNCTION_NAME", "APP_GIT_COMMIT", "VERCEL_GIT_COMMIT_SHA"]) delete env[k];
  process.env = { ...env, ...vars } as NodeJS.ProcessEnv;
  resetServerEnv();
}

afterEach(() => {
  process.env = { ...ORIGINAL_ENV };
  resetServerEnv();
});

const health = async () => {
  const res = await GET(new Request("http://localhost/api/health"));
  return { status: res.status, body: await res.json(), res };
};

describe("GET /api/health", () => {
  it("reports the defaults", async () => {
    setEnv({});
    const { status, body, res } = await health();
    expect(status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(body).toEqual({
      ok: true,
      version: packageJson.version,
      commit: null,
      llm: "off",
      market_data: "demo",
      store: "memory",
      chatkit: "custom",
      rate_limit: 120,
      threads: "persistent",
    });
  });

  it("reports what is configured without revealing it", async () => {
    setEnv({
      OPENAI_API_KEY: "sk-secret",
      REDIS_URL: "redis://127.0.0.1:1",
      CHATKIT_WORKFLOW_ID: "wf_123",
      MARKET_DATA_PROVIDER: "auto",
      RATE_LIMIT_PER_MIN: "30",
      APP_GIT_COMMIT: "abc123",
    });
    const { body } = await health();
    expect(body).toMatchObject({ commit: "abc123", llm: "configured", market_data: "auto", store: "redis", chatkit: "hosted", rate_limit: 30, threads: "persistent" });
    expect(JSON.stringify(body)).not.toMatch(/sk-secret|wf_123|redis:/);
  });

  it("says threads are ephemeral on a serverless host without Redis", async () => {
    setEnv({ VERCEL: "1" });
    expect((await health()).body.threads).toBe("ephemeral");
  });

  it("is never rate limited", async () => {
    setEnv({ RATE_LIMIT_PER_MIN: "1" });
    for (let i = 0; i < 5; i++) expect((await health()).status).toBe(200);
  });

  it("answers other methods with 405", async () => {
    setEnv({});
    const res = await POST(new Request("http://localhost/api/health", { method: "POST" }));
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET");
  });
});
