import { expect, type Locator, type Page } from "@playwright/test";
import type { ApplyResult } from "@/lib/commands/apply";
import type { ChartTestHook } from "@/components/workspace/use-test-hook";

/**
 * Shared helpers for the e2e specs. Pages opened with `openChart` carry `?e2e=1`, which makes the
 * page attach `window.__chart` (components/workspace/use-test-hook.ts): apply commands through the
 * store and read its state, the same path the chat and the bridge use.
 */

export type ChartHookState = ReturnType<ChartTestHook["state"]>;

/** Opens a chart and waits until its candles are drawn; `origin` picks an app other than the config's. */
export async function openChart(page: Page, symbol = "TSLA", timeframe = "1D", origin = ""): Promise<void> {
  await page.goto(`${origin}/?symbol=${encodeURIComponent(symbol)}&timeframe=${encodeURIComponent(timeframe)}&e2e=1`);
  await waitForChart(page, symbol, timeframe);
}

export function chartRegion(page: Page, symbol: string, timeframe: string): Locator {
  return page.getByRole("img", { name: `${symbol} ${timeframe} chart` });
}

/** The chart labelled for symbol and timeframe, its data loaded, the test hook attached. */
export async function waitForChart(page: Page, symbol: string, timeframe: string): Promise<void> {
  const chart = chartRegion(page, symbol, timeframe);
  await expect(chart).toHaveAttribute("data-status", "ready", { timeout: 20_000 });
  await expect(chart.locator("canvas").first()).toBeVisible();
  await page.waitForFunction(() => window.__chart !== undefined);
}

export async function applyCommands(page: Page, commands: unknown[]): Promise<ApplyResult> {
  return page.evaluate((cmds) => {
    if (!window.__chart) throw new Error("window.__chart is missing: open the page with ?e2e=1");
    return window.__chart.apply(cmds);
  }, commands);
}

export async function chartState(page: Page): Promise<ChartHookState> {
  return page.evaluate(() => {
    if (!window.__chart) throw new Error("window.__chart is missing: open the page with ?e2e=1");
    return window.__chart.state();
  });
}

/** The drawings list beside the chart. */
export function drawingsList(page: Page): Locator {
  return page.getByRole("list", { name: /Drawings/ });
}

export function drawingItems(page: Page): Locator {
  return drawingsList(page).getByRole("listitem");
}

/** Lets the chart paint after a change (lightweight-charts draws on the next animation frame). */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
}

/** The built-in chat panel (ChatKit's script blocked or `CHAT_UI=builtin`). */
export function chat(page: Page): Locator {
  return page.locator('[data-chat-ui="builtin"]');
}

export function transcript(page: Page): Locator {
  return chat(page).getByRole("log");
}

/** Types a question into the built-in panel and sends it. */
export async function ask(page: Page, question: string): Promise<void> {
  const box = chat(page).getByRole("textbox", { name: "Message" });
  await box.fill(question);
  await box.press("Enter");
  await expect(box).toHaveValue("");
}

/** The finished answer (streaming over) that follows the question just asked. */
export function finishedAnswer(page: Page): Locator {
  return transcript(page).locator('[data-role="assistant"][aria-busy="false"]').last();
}
