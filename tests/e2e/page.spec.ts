import { expect, test, type Page } from "@playwright/test";
import { applyCommands, chartRegion, chartState, drawingItems, drawingsList, openChart, settle, waitForChart } from "./fixtures";

/** One command of every type, placed inside the loaded data so each one is visible on screen. */
async function everyCommand(page: Page, symbol: string, timeframe: string) {
  const state = await chartState(page);
  const range = state.context.visible_range;
  if (!range || state.low === null || state.high === null || state.lastClose === null) throw new Error("chart not ready");
  const { from, to } = range;
  const at = (f: number) => Math.round(from + (to - from) * f);
  const lo = state.low;
  const hi = state.high;
  const px = (f: number) => Math.round((lo + (hi - lo) * f) * 100) / 100;
  return [
    { type: "clear", scope: "all" },
    { type: "load_symbol", symbol, timeframe },
    { type: "set_timeframe", timeframe },
    { type: "horizontal_line", id: "e2e-support", price: px(0.15), role: "support", label: `Support ${px(0.15)}`, strength: 0.9 },
    { type: "horizontal_line", id: "e2e-resistance", price: px(0.9), role: "resistance", label: `Resistance ${px(0.9)}` },
    { type: "horizontal_line", id: "e2e-level", price: px(0.5), role: "level", label: `Level ${px(0.5)}` },
    { type: "zone", id: "e2e-zone", from_price: px(0.2), to_price: px(0.26), role: "support", label: "Demand zone", from_time: at(0.45) },
    {
      type: "trendline",
      id: "e2e-trend",
      start: { time: at(0.08), price: px(0.25) },
      end: { time: at(0.4), price: px(0.45) },
      role: "support",
      label: "Rising support",
      extend: "right",
    },
    {
      type: "pattern",
      id: "e2e-pattern",
      name: "double_top",
      points: [
        { time: at(0.55), price: px(0.55) },
        { time: at(0.62), price: px(0.85) },
        { time: at(0.7), price: px(0.65) },
        { time: at(0.78), price: px(0.84) },
        { time: at(0.86), price: px(0.6) },
      ],
      direction: "bearish",
      confidence: 0.78,
      label: "Double top",
      status: "confirmed",
      target: px(0.42),
      neckline: { start: { time: at(0.6), price: px(0.65) }, end: { time: at(0.88), price: px(0.65) } },
    },
    { type: "marker", id: "e2e-marker-up", time: at(0.3), position: "below", shape: "arrow_up", text: "Hammer" },
    { type: "marker", id: "e2e-marker-down", time: at(0.66), position: "above", shape: "arrow_down", text: "Shooting star" },
    { type: "marker", id: "e2e-marker-dot", time: at(0.95), position: "above", shape: "circle" },
    { type: "indicator", id: "ind-sma-20", name: "sma", params: { period: 20 } },
    { type: "indicator", id: "ind-ema-50", name: "ema", params: { period: 50 } },
    { type: "indicator", id: "ind-bollinger-20-2", name: "bollinger", params: { period: 20, stddev: 2 } },
    { type: "indicator", id: "ind-vwap", name: "vwap", params: {} },
    { type: "indicator", id: "ind-rsi-14", name: "rsi", params: { period: 14 } },
    { type: "indicator", id: "ind-macd-12-26-9", name: "macd", params: { fast: 12, slow: 26, signal: 9 } },
    { type: "fibonacci", id: "e2e-fib", start: { time: at(0.05), price: px(0.1) }, end: { time: at(0.5), price: px(0.95) } },
    { type: "horizontal_line", id: "e2e-temp", price: px(0.3), role: "level", label: "Temporary" },
    { type: "remove", id: "e2e-temp" },
  ];
}

const DRAWING_COUNT = 16;

test("a deep link opens its chart; symbol and timeframe switch it and the address follows", async ({ page }) => {
  await openChart(page, "TSLA", "1D");
  await expect(chartRegion(page, "TSLA", "1D")).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Symbol" })).toHaveValue("TSLA");
  await expect(page.getByRole("group", { name: "Timeframe" }).getByRole("button", { name: "1D", exact: true })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByText("Demo data", { exact: true })).toBeVisible();
  expect((await chartState(page)).candleCount).toBeGreaterThan(100);

  const symbol = page.getByRole("textbox", { name: "Symbol" });
  await symbol.fill("nvda");
  await symbol.press("Enter");
  await waitForChart(page, "NVDA", "1D");
  await expect(page).toHaveURL(/[?&]symbol=NVDA&timeframe=1D/);

  await page.getByRole("group", { name: "Timeframe" }).getByRole("button", { name: "1h", exact: true }).click();
  await waitForChart(page, "NVDA", "1h");
  await expect(page).toHaveURL(/[?&]symbol=NVDA&timeframe=1h/);
  await expect(page.getByRole("button", { name: "1h", exact: true })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByRole("button", { name: "1D", exact: true })).toHaveAttribute("aria-pressed", "false");

  // An invalid ticker is refused in words; the chart stays where it was.
  await symbol.fill("not a ticker!");
  await symbol.press("Enter");
  await expect(page.getByRole("alert").filter({ hasText: "Not a ticker" })).toBeVisible();
  await expect(chartRegion(page, "NVDA", "1h")).toBeVisible();
});

test("an invalid deep link falls back to TSLA 1D", async ({ page }) => {
  await page.goto("/?symbol=bad%20symbol!&timeframe=5D&e2e=1");
  await waitForChart(page, "TSLA", "1D");
  await expect(page).toHaveURL(/[?&]symbol=TSLA&timeframe=1D/);
});

test("every command type draws, lists, removes, clears and comes back with its chart", async ({ page }) => {
  await openChart(page, "NVDA", "1D");
  await openChart(page, "TSLA", "1D");
  const canvases = chartRegion(page, "TSLA", "1D").locator("canvas");
  const baseCanvases = await canvases.count();
  const batch = await everyCommand(page, "TSLA", "1D");
  const result = await applyCommands(page, batch);
  expect(result.rejected).toEqual([]);
  expect(result.applied).toContain("load_symbol:TSLA");
  expect(result.applied).toContain("set_timeframe:1D");
  expect(result.applied).toContain("clear:all");
  expect(result.applied).toContain("remove:e2e-temp");

  const list = drawingsList(page);
  await expect(list).toHaveAccessibleName("Drawings on TSLA 1D");
  await expect(drawingItems(page)).toHaveCount(DRAWING_COUNT);
  await expect(list.getByRole("listitem").filter({ hasText: "Double top" })).toContainText("target");
  await expect(list.getByRole("listitem").filter({ hasText: "Rising support" })).toBeVisible();

  // Applying the same batch again replaces every drawing instead of doubling it.
  await applyCommands(page, batch);
  await expect(drawingItems(page)).toHaveCount(DRAWING_COUNT);

  // RSI and MACD get panes of their own below the price pane.
  expect(await canvases.count()).toBeGreaterThan(baseCanvases);

  await settle(page);
  await page.waitForTimeout(300);
  await page.screenshot({ path: "test-results/page-all-commands.png" });

  await page.getByRole("button", { name: "Remove Fibonacci retracement" }).click();
  await expect(drawingItems(page)).toHaveCount(DRAWING_COUNT - 1);
  await expect(page.getByRole("button", { name: "Remove Fibonacci retracement" })).toHaveCount(0);

  // Another chart has its own (empty) list; the drawings come back with TSLA 1D.
  await applyCommands(page, [{ type: "load_symbol", symbol: "AAPL" }]);
  await waitForChart(page, "AAPL", "1D");
  await expect(drawingsList(page)).toHaveAccessibleName("Drawings on AAPL 1D");
  await expect(drawingItems(page)).toHaveCount(0);
  await expect(page.getByText("Nothing drawn on AAPL 1D yet", { exact: false })).toBeVisible();

  const symbol = page.getByRole("textbox", { name: "Symbol" });
  await symbol.fill("TSLA");
  await symbol.press("Enter");
  await waitForChart(page, "TSLA", "1D");
  await expect(drawingItems(page)).toHaveCount(DRAWING_COUNT - 1);

  // They also survive a reload.
  await page.reload();
  await waitForChart(page, "TSLA", "1D");
  await expect(drawingItems(page)).toHaveCount(DRAWING_COUNT - 1);

  await applyCommands(page, [{ type: "clear", scope: "indicators" }]);
  await expect(drawingItems(page)).toHaveCount(DRAWING_COUNT - 1 - 6);
  // Their panes went with them.
  await expect(canvases).toHaveCount(baseCanvases);

  await page.getByRole("button", { name: "Clear all" }).click();
  await expect(drawingItems(page)).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Clear all" })).toBeDisabled();
});

test("invalid commands and legacy strings are reported, never thrown", async ({ page }) => {
  await openChart(page, "TSLA", "4h");
  const warnings: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "warning") warnings.push(msg.text());
  });
  const state = await chartState(page);
  const support = Math.round((state.lastClose as number) * 0.95 * 100) / 100;
  const result = await applyCommands(page, [
    `SUPPORT:${support}`,
    "INDICATOR:SMA:50",
    { type: "horizontal_line", id: "bad", price: -5, role: "support", label: "x" },
    "TRENDLINE:200:240",
    { type: "arrow" },
  ]);
  expect(result.applied).toEqual([`legacy-support-${support}`, "ind-sma-50"]);
  expect(result.rejected.map((r) => r.index)).toEqual([2, 3, 4]);
  expect(result.rejected[0]?.error).toMatch(/^\[2\]\.price: /);
  await expect(drawingItems(page)).toHaveCount(2);
  await expect.poll(() => warnings.some((w) => w.includes("TRENDLINE:200:240"))).toBe(true);
});

test("a failed load shows a readable error with a retry", async ({ page }) => {
  let fail = true;
  await page.route("**/api/market/candles**", async (route) => {
    if (!fail) return route.continue();
    await route.fulfill({
      status: 502,
      contentType: "application/json",
      body: JSON.stringify({ success: false, code: "upstream_unavailable", error: "The market data provider is unreachable.", text: "x" }),
    });
  });
  await page.goto("/?symbol=MSFT&timeframe=1W&e2e=1");
  const alert = page.getByRole("alert").filter({ hasText: "Couldn't load" });
  await expect(alert).toContainText("Couldn't load MSFT 1W");
  await expect(alert).toContainText("unreachable");
  fail = false;
  await alert.getByRole("button", { name: "Retry" }).click();
  await waitForChart(page, "MSFT", "1W");
  await expect(alert).toHaveCount(0);
});

test("the chart follows the system theme live", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await openChart(page, "BTC-USD", "4h");
  const background = () =>
    page.evaluate(() => {
      const canvas = document.querySelector<HTMLCanvasElement>('[aria-label="BTC-USD 4h chart"] canvas');
      const pixel = canvas?.getContext("2d")?.getImageData(2, 2, 1, 1).data;
      return pixel ? (pixel[0] ?? 0) + (pixel[1] ?? 0) + (pixel[2] ?? 0) : -1;
    });
  expect(await background()).toBeGreaterThan(600);
  await page.emulateMedia({ colorScheme: "dark" });
  await expect.poll(background).toBeLessThan(150);
});
