/**
 * (c) In the browser: from pressing Enter on "draw support and resistance" to lines on the chart,
 * with demo data, the built-in chat panel (ChatKit's CDN is blocked so `CHAT_UI=auto` falls back),
 * the rules engine, in real Chromium against the built app.
 *
 *   npx tsx bench/browser.bench.ts [--strict]   # starts the built app on a free port, or BENCH_URL
 *
 * Timed inside the page on one clock: from the Enter keydown's event timestamp to (1) the first
 * item in the drawings list (the store holds the drawing, React committed it) and (2) the start of
 * the second animation frame after that, by when the frame that drew the lines on the canvas has
 * been painted: an upper bound on "lines visible", up to one frame late. The goal (< 300 ms) is
 * judged on (2). Warm-up runs first (route compilation, candle cache, JIT in both processes), then
 * BENCH_BROWSER_RUNS timed runs, each on a cleared chart and a new chat. Chromium at CHROMIUM_PATH
 * or /usr/lib/chromium/chromium.
 */
import { chromium, type Page } from "@playwright/test";
import { loadAverage, percentile, runAlone, type BenchOutcome } from "./load.bench";
import { fmt, table } from "./timing";

const RUNS = Number(process.env.BENCH_BROWSER_RUNS) || 20;
const WARMUP = 3;
const GOAL_MS = 300;
const QUESTION = "draw support and resistance";
const SYMBOL = "TSLA";
const TIMEFRAME = "1D";

interface Marks {
  enter?: number;
  listed?: number;
  painted?: number;
}

declare global {
  interface Window {
    __benchMarks?: Marks;
  }
}

const write = (line: string) => process.stdout.write(`${line}\n`);
const chat = (page: Page) => page.locator('[data-chat-ui="builtin"]');

/** Arms the in-page probes for one run: the Enter keydown and the first drawing after it. */
function armProbes(page: Page): Promise<void> {
  return page.evaluate(() => {
    const marks: Marks = {};
    window.__benchMarks = marks;
    const box = document.querySelector<HTMLTextAreaElement>('[data-chat-ui="builtin"] textarea[aria-label="Message"]');
    if (!box) throw new Error("message box not found");
    box.addEventListener(
      "keydown",
      (e) => {
        if (e.key === "Enter") marks.enter = e.timeStamp;
      },
      { capture: true, once: true },
    );
    const observer = new MutationObserver(() => {
      if (marks.listed !== undefined || !document.querySelector('ul[aria-label^="Drawings on"] li')) return;
      marks.listed = performance.now();
      observer.disconnect();
      requestAnimationFrame(() => requestAnimationFrame(() => (marks.painted = performance.now())));
    });
    observer.observe(document.body, { subtree: true, childList: true });
  });
}

/** A cleared chart and a fresh conversation, so every run asks the same question from the same start. */
async function reset(page: Page): Promise<void> {
  await page.evaluate(() => window.__chart?.apply([{ type: "clear", scope: "all" }]));
  await chat(page).getByRole("button", { name: "New chat" }).click();
  await page.waitForFunction(() => !document.querySelector('ul[aria-label^="Drawings on"] li'));
}

async function oneRun(page: Page): Promise<{ listed: number; painted: number }> {
  await reset(page);
  const box = chat(page).getByRole("textbox", { name: "Message" });
  await box.fill(QUESTION);
  await armProbes(page);
  await box.press("Enter");
  await page.waitForFunction(() => window.__benchMarks?.painted !== undefined, undefined, { timeout: 15_000 });
  const m = await page.evaluate(() => window.__benchMarks!);
  // Let the answer finish streaming before the next run, so runs do not overlap.
  await page.waitForFunction(
    () =>
      document.querySelector('[data-chat-ui="builtin"] [data-role="assistant"][aria-busy="false"]') !== null &&
      document.querySelector('[data-chat-ui="builtin"] [data-role="assistant"][aria-busy="true"]') === null,
    undefined,
    { timeout: 15_000 },
  );
  const drawn = await page.evaluate(() => window.__chart?.state().drawings.length ?? 0);
  if (drawn === 0) throw new Error("the answer finished but the chart has no drawings");
  if (m.enter === undefined || m.listed === undefined || m.painted === undefined) throw new Error(`incomplete marks ${JSON.stringify(m)}`);
  return { listed: m.listed - m.enter, painted: m.painted - m.enter };
}

/** Runs (c) against a running app and prints its table and JSON lines. */
export async function runBrowserBench(baseUrl: string): Promise<BenchOutcome> {
  const loadBefore = loadAverage();
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/lib/chromium/chromium", headless: true });
  const listed = new Float64Array(RUNS);
  const painted = new Float64Array(RUNS);
  let errors = 0;
  let firstError = "";
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.route("https://cdn.platform.openai.com/**", (route) => route.abort("blockedbyclient"));
    const page = await context.newPage();
    await page.goto(`${baseUrl}/?symbol=${SYMBOL}&timeframe=${TIMEFRAME}&e2e=1`);
    await page.locator(`[role="img"][aria-label="${SYMBOL} ${TIMEFRAME} chart"][data-status="ready"]`).waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => window.__chart !== undefined);
    await chat(page).getByRole("textbox", { name: "Message" }).waitFor();
    for (let i = 0; i < WARMUP; i++) await oneRun(page);
    for (let i = 0; i < RUNS; i++) {
      try {
        const r = await oneRun(page);
        listed[i] = r.listed;
        painted[i] = r.painted;
      } catch (err) {
        errors++;
        firstError ||= err instanceof Error ? err.message.split("\n")[0]! : String(err);
        listed[i] = painted[i] = Number.POSITIVE_INFINITY;
      }
    }
  } finally {
    await browser.close();
  }
  const loadAfter = loadAverage();
  listed.sort();
  painted.sort();
  const row = (name: string, xs: Float64Array) => [name, fmt(percentile(xs, 50)), fmt(percentile(xs, 95)), fmt(xs[0]!), fmt(xs[xs.length - 1]!)];

  write(`\n(c) Browser: Enter on "${QUESTION}" to lines on the ${SYMBOL} ${TIMEFRAME} chart, ${RUNS} runs after ${WARMUP} warm-up, headless Chromium, built-in panel, ${baseUrl}`);
  write(`    load average (1m 5m 15m): ${loadBefore} before, ${loadAfter} after\n`);
  write(table(["ms from Enter", "median", "p95", "min", "max"], [row("drawing listed", listed), row("lines painted (<=)", painted)]));
  write("");
  if (errors) write(`errors ${errors}: ${firstError}`);
  const r2 = (x: number) => Math.round(x * 100) / 100;
  for (const [name, xs] of [["browser_enter_to_listed", listed], ["browser_enter_to_painted", painted]] as const) {
    write(JSON.stringify({ bench: name, runs: RUNS, errors, median: r2(percentile(xs, 50)), p95: r2(percentile(xs, 95)), min: r2(xs[0]!), max: r2(xs[xs.length - 1]!), load_avg_before: loadBefore, load_avg_after: loadAfter }));
  }
  const checks = [
    { name: "(c) no errors", pass: errors === 0, value: `${errors} of ${RUNS}` },
    { name: `(c) Enter to lines painted, median < ${GOAL_MS} ms`, pass: percentile(painted, 50) < GOAL_MS, value: `${fmt(percentile(painted, 50))} ms` },
    { name: `(c) Enter to lines painted, p95 < ${GOAL_MS} ms`, pass: percentile(painted, 95) < GOAL_MS, value: `${fmt(percentile(painted, 95))} ms` },
  ];
  for (const c of checks) write(`${c.pass ? "PASS" : "FAIL"}  ${c.name}: ${c.value}`);
  return { bench: "browser", checks };
}

if (require.main === module) runAlone(runBrowserBench);
