import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { expect, test, type Frame, type Page } from "@playwright/test";
import type { AppServer } from "../support/app-server";
import { startAppsOnRedis, type AppsOnRedis } from "../support/redis-server";
import { chartState, drawingItems, openChart, waitForChart } from "./fixtures";
import { startFrameServer, type FrameServer } from "./frame-server";

/**
 * Every way an agent reaches the chart, against the running app (playwright.config.ts: port 3100,
 * CHART_ACTION_SECRET=e2e-secret, CHATKIT_ORIGINS=http://127.0.0.1:3101).
 */

const APP = `http://localhost:${Number(process.env.E2E_PORT) || 3100}`;
const SECRET = "e2e-secret";
const ALLOWED_FRAME = "http://127.0.0.1:3101";
const OTHER_FRAME = "http://localhost:3101";

interface Answer {
  text: string;
  chart_commands: { type: string; id?: string; label?: string; price?: number }[];
  tools_used: string[];
}

async function mcpClient(base: string, token: string | null = SECRET): Promise<Client> {
  const client = new Client({ name: "e2e-agent", version: "1.0.0" });
  const transport = new StreamableHTTPClientTransport(new URL("/api/mcp", base), {
    requestInit: token ? { headers: { authorization: `Bearer ${token}` } } : {},
  });
  await client.connect(transport);
  return client;
}

async function callTool(client: Client, name: string, args: Record<string, unknown>) {
  const res = await client.callTool({ name, arguments: args });
  return { isError: res.isError === true, text: (res.content as { text: string }[])[0]?.text ?? "", answer: res.structuredContent as unknown as Answer };
}

/** The page's user id (the httpOnly cookie stays unreadable; /api/session tells the page its id). */
async function pageUserId(page: Page): Promise<string> {
  return page.evaluate(async () => ((await (await fetch("/api/session")).json()) as { user_id: string }).user_id);
}

async function streamOpen(page: Page): Promise<void> {
  await expect(page.locator("[data-command-stream]")).toHaveAttribute("data-command-stream", "open", { timeout: 15_000 });
}

async function drawingIds(page: Page): Promise<string[]> {
  return (await chartState(page)).drawings.map((d) => d.id);
}

test.describe("MCP over Streamable HTTP with the SDK client", () => {
  test("lists the tools, answers chart_control with and without context, runs an analysis tool, reports bad arguments", async () => {
    const client = await mcpClient(APP);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name).sort()).toEqual(["candlestick_patterns", "chart_control", "detect_patterns", "fibonacci", "market_summary", "support_resistance", "trendlines"]);

      const withContext = await callTool(client, "chart_control", { query: "draw support and resistance", chart_context: { symbol: "TSLA", timeframe: "1D" } });
      expect(withContext.isError).toBe(false);
      expect(withContext.text).toBe(withContext.answer.text);
      expect(withContext.answer.tools_used).toContain("support_resistance");
      expect(withContext.answer.chart_commands.some((c) => c.type === "horizontal_line" && /^(Support|Resistance)/.test(c.label ?? ""))).toBe(true);

      const without = await callTool(client, "chart_control", { query: "draw support and resistance" });
      expect(without.isError).toBe(false);
      expect(without.answer.text).toMatch(/symbol/);
      expect(without.answer.chart_commands).toEqual([]);

      const analysis = await callTool(client, "trendlines", { symbol: "AAPL", timeframe: "4h" });
      expect(analysis.isError).toBe(false);
      expect(analysis.answer.tools_used).toEqual(["trendlines"]);
      expect(analysis.answer.text).toMatch(/AAPL/);

      const bad = await callTool(client, "support_resistance", { symbol: "TSLA", timeframe: "7 days" });
      expect(bad.isError).toBe(true);
      expect(bad.text).toMatch(/timeframe/);
      const missing = await callTool(client, "chart_control", {});
      expect(missing.isError).toBe(true);
    } finally {
      await client.close();
    }
  });

  test("refuses a caller without the bearer with 401", async ({ request }) => {
    await expect(mcpClient(APP, null)).rejects.toMatchObject({ code: 401 });
    const res = await request.post(`${APP}/api/mcp`, {
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
      data: { jsonrpc: "2.0", id: 1, method: "tools/list" },
    });
    expect(res.status()).toBe(401);
    expect(res.headers()["www-authenticate"]).toBe("Bearer");
    expect(await res.json()).toMatchObject({ success: false, code: "unauthorized" });
  });
});

test.describe("commands produced through MCP reach the user's page", () => {
  test("drawings from chart_control with user_id appear in the drawings list, with a line saying where they came from", async ({ page }) => {
    await openChart(page, "TSLA", "1D");
    await streamOpen(page);
    const userId = await pageUserId(page);
    const client = await mcpClient(APP);
    try {
      const res = await callTool(client, "chart_control", { query: "draw support and resistance", user_id: userId, chart_context: { symbol: "TSLA", timeframe: "1D" } });
      const lines = res.answer.chart_commands.filter((c) => c.type === "horizontal_line");
      expect(lines.length).toBeGreaterThan(0);
      await expect.poll(() => drawingIds(page)).toEqual(expect.arrayContaining(lines.map((l) => l.id)));
      await expect(drawingItems(page).filter({ hasText: lines[0]!.label! })).toHaveCount(1);
      await expect(page.getByRole("status", { name: "Chart updates from connected agents" })).toContainText("Chart updated by an MCP agent");
    } finally {
      await client.close();
    }
  });

  test("without chart_context, the page's stored context decides the chart", async ({ page }) => {
    await openChart(page, "MSFT", "1h");
    await streamOpen(page);
    const userId = await pageUserId(page);
    // The page publishes its chart (PUT /api/chart-context) once it is loaded.
    await expect
      .poll(() => page.evaluate(async () => ((await (await fetch("/api/chart-context")).json()) as { chart_context: { symbol: string } | null }).chart_context?.symbol ?? null))
      .toBe("MSFT");
    const client = await mcpClient(APP);
    try {
      const res = await callTool(client, "chart_control", { query: "draw the fibonacci retracement", user_id: userId });
      expect(res.answer.text).toMatch(/MSFT/);
      const fib = res.answer.chart_commands.find((c) => c.type === "fibonacci");
      expect(fib).toBeDefined();
      await expect.poll(() => drawingIds(page)).toContain(fib!.id);
    } finally {
      await client.close();
    }
  });

  test("another user's page gets nothing", async ({ browser }) => {
    const mine = await browser.newPage();
    const theirs = await browser.newPage();
    try {
      await openChart(mine, "TSLA", "1D");
      await openChart(theirs, "TSLA", "1D");
      await streamOpen(mine);
      await streamOpen(theirs);
      const client = await mcpClient(APP);
      try {
        const res = await callTool(client, "chart_control", { query: "draw trendlines", user_id: await pageUserId(mine), chart_context: { symbol: "TSLA", timeframe: "1D" } });
        const ids = res.answer.chart_commands.flatMap((c) => (c.id ? [c.id] : []));
        expect(ids.length).toBeGreaterThan(0);
        await expect.poll(() => drawingIds(mine)).toEqual(expect.arrayContaining(ids));
        expect(await drawingIds(theirs)).toEqual([]);
      } finally {
        await client.close();
      }
    } finally {
      await mine.close();
      await theirs.close();
    }
  });
});

test.describe("across two instances through Redis", () => {
  let cluster: AppsOnRedis | undefined;
  let a: AppServer;
  let b: AppServer;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    const env = { CHART_ACTION_SECRET: SECRET, SESSION_SECRET: "two-instance-secret", MARKET_DATA_PROVIDER: "demo" };
    cluster = await startAppsOnRedis({ ports: [3252, 3253], env });
    [a, b] = cluster.apps as [AppServer, AppServer];
  });

  test.afterAll(async () => {
    await cluster?.stop();
  });

  test("a command sent to instance B is drawn on a page served by instance A", async ({ page }) => {
    await page.goto(`${a.url}/?symbol=NVDA&timeframe=1D&e2e=1`);
    await waitForChart(page, "NVDA", "1D");
    await streamOpen(page);
    const userId = await pageUserId(page);
    const client = await mcpClient(b.url);
    try {
      const res = await callTool(client, "chart_control", { query: "draw support and resistance", user_id: userId, chart_context: { symbol: "NVDA", timeframe: "1D" } });
      const ids = res.answer.chart_commands.flatMap((c) => (c.id ? [c.id] : []));
      expect(ids.length).toBeGreaterThan(0);
      await expect.poll(() => drawingIds(page)).toEqual(expect.arrayContaining(ids));
      await expect(page.getByRole("status", { name: "Chart updates from connected agents" })).toContainText("MCP agent");
    } finally {
      await client.close();
    }
  });
});

test.describe("postMessage bridge for a chat frame on another origin", () => {
  let frames: FrameServer;
  test.beforeAll(async () => {
    frames = await startFrameServer(3101);
  });
  test.afterAll(async () => {
    await frames?.close();
  });

  async function embed(page: Page, origin: string): Promise<Frame> {
    const src = `${origin}/frame.html?parent=${encodeURIComponent(APP)}`;
    await page.evaluate((url) => {
      const iframe = document.createElement("iframe");
      iframe.src = url;
      iframe.title = "test chat frame";
      document.body.appendChild(iframe);
    }, src);
    await expect.poll(() => page.frames().some((f) => f.url().startsWith(origin) || f.url().startsWith("chrome-error:"))).toBe(true);
    return page.frames().find((f) => f !== page.mainFrame())!;
  }

  const received = (f: Frame | Page) => f.evaluate(() => (window as unknown as { bridge?: { received: { origin: string; data: unknown }[] } }).bridge?.received ?? null);

  test("an allowed origin gets the chart context and draws", async ({ page }) => {
    await openChart(page, "TSLA", "1D");
    const frame = await embed(page, ALLOWED_FRAME);
    await frame.waitForFunction(() => "bridge" in window);
    await frame.evaluate(() => (window as unknown as { bridge: { requestContext(): void } }).bridge.requestContext());
    await expect.poll(() => received(frame)).toEqual([
      { origin: APP, data: { type: "chart_context", data: { symbol: "TSLA", timeframe: "1D", snapshot_id: expect.stringMatching(/.+/) } } },
    ]);

    const state = await chartState(page);
    const price = Math.round(((state.low! + state.high!) / 2) * 100) / 100;
    const commands = [
      { type: "horizontal_line", id: "bridge-level", price, role: "level", label: `Level ${price}` },
      `SUPPORT:${Math.round(state.low! * 100) / 100}`,
      { type: "horizontal_line", id: "bad", price: -1, role: "support", label: "x" },
    ];
    await frame.evaluate((cmds) => (window as unknown as { bridge: { sendCommands(c: unknown[]): void } }).bridge.sendCommands(cmds), commands);
    await expect.poll(async () => (await received(frame))?.length).toBe(2);
    const result = (await received(frame))![1]!;
    expect(result.origin).toBe(APP);
    expect(result.data).toEqual({
      type: "chart_commands_result",
      applied: ["bridge-level", `legacy-support-${Math.round(state.low! * 100) / 100}`],
      rejected: [{ index: 2, error: expect.any(String) }],
    });
    await expect(drawingItems(page).filter({ hasText: `Level ${price}` })).toHaveCount(1);
  });

  test("another origin gets no answer and draws nothing", async ({ page }) => {
    await openChart(page, "TSLA", "1D");
    const before = await drawingIds(page);

    // In a frame, the page's CSP (frame-src) refuses to load it at all.
    const framed = await embed(page, OTHER_FRAME);
    expect(await framed.evaluate(() => "bridge" in window).catch(() => false)).toBe(false);

    // As a popup the CSP does not apply: the frame loads and talks, and the bridge ignores it.
    const [popup] = await Promise.all([
      page.waitForEvent("popup"),
      page.evaluate((url) => void window.open(url, "_blank"), `${OTHER_FRAME}/frame.html?parent=${encodeURIComponent(APP)}`),
    ]);
    await popup.waitForFunction(() => "bridge" in window);
    await popup.evaluate(() => {
      const bridge = (window as unknown as { bridge: { requestContext(): void; sendCommands(c: unknown[]): void } }).bridge;
      bridge.requestContext();
      bridge.sendCommands([{ type: "horizontal_line", id: "intruder", price: 100, role: "level", label: "Intruder" }, "CLEAR"]);
    });
    await page.waitForTimeout(1_000);
    expect(await received(popup)).toEqual([]);
    expect(await drawingIds(page)).toEqual(before);
    await popup.close();
  });
});

test.describe("headers and session routes of the running app", () => {
  test("the page carries the CSP with the configured origins, the frame headers and a new sid cookie", async ({ request }) => {
    const res = await request.get(`${APP}/?symbol=TSLA&timeframe=1D`, { headers: { cookie: "" } });
    expect(res.status()).toBe(200);
    const h = res.headers();
    const csp = h["content-security-policy"] ?? "";
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain(`frame-src https://cdn.platform.openai.com ${ALLOWED_FRAME}`);
    expect(csp).toContain(`frame-ancestors 'self' ${ALLOWED_FRAME}`);
    expect(csp).toContain("script-src 'self' 'unsafe-inline' https://cdn.platform.openai.com");
    expect(csp).not.toContain("unsafe-eval");
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(h["set-cookie"]).toMatch(/sid=[A-Za-z0-9_-]{22}; Path=\/; Max-Age=31536000; HttpOnly; SameSite=Lax/);
  });

  test("the page's first response and its API calls agree on the user", async ({ page }) => {
    await openChart(page, "TSLA", "1D");
    const cookies = await page.context().cookies(APP);
    expect(cookies.filter((c) => c.name === "sid")).toHaveLength(1);
    const first = await pageUserId(page);
    await page.reload();
    expect(await pageUserId(page)).toBe(first);
  });

  test("the hosted session route says it is not configured here", async ({ page }) => {
    await openChart(page, "TSLA", "1D");
    const res = await page.evaluate(async () => {
      const r = await fetch("/api/chatkit/session", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
      return { status: r.status, body: await r.json() };
    });
    expect(res).toEqual({ status: 503, body: expect.objectContaining({ success: false, code: "not_configured" }) });
  });

  test("the command stream is an event stream for the cookie user", async ({ page }) => {
    await openChart(page, "TSLA", "1D");
    const head = await page.evaluate(async () => {
      const ctrl = new AbortController();
      const r = await fetch("/api/chart-commands/stream", { signal: ctrl.signal });
      const reader = r.body!.getReader();
      const first = new TextDecoder().decode((await reader.read()).value);
      ctrl.abort();
      return { status: r.status, type: r.headers.get("content-type"), first };
    });
    expect(head.status).toBe(200);
    expect(head.type).toMatch(/^text\/event-stream/);
    expect(head.first).toContain(": connected");
  });
});
