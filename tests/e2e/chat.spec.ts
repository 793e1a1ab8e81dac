import { expect, test, type Page } from "@playwright/test";
import { ask, chartState, chat, drawingItems, finishedAnswer, openChart, transcript, waitForChart } from "./fixtures";

/**
 * The built-in chat panel against our ChatKit server, in real Chromium. ChatKit's web component
 * loads from OpenAI's CDN, which these tests block, so `CHAT_UI=auto` must fall back at once.
 */

test.beforeEach(async ({ page }) => {
  await page.route("https://cdn.platform.openai.com/**", (route) => route.abort("blockedbyclient"));
});

/**
 * Records, in the page, when the first drawing appears in the drawings list and when the first
 * answer finishes streaming, so the test can tell which came first.
 */
async function watchDrawingVersusAnswer(page: Page): Promise<void> {
  await page.evaluate(() => {
    const marks: { drawing?: number; answerDone?: number } = {};
    (window as unknown as { __chatMarks: typeof marks }).__chatMarks = marks;
    const check = () => {
      const now = performance.now();
      if (marks.drawing === undefined && document.querySelector('ul[aria-label^="Drawings on"] li')) marks.drawing = now;
      if (marks.answerDone === undefined && document.querySelector('[data-chat-ui="builtin"] [data-role="assistant"][aria-busy="false"]')) marks.answerDone = now;
    };
    new MutationObserver(check).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
}

test("auto mode falls back to the built-in panel when ChatKit's script cannot load", async ({ page }) => {
  await openChart(page, "TSLA", "1D");
  await expect(chat(page)).toBeVisible();
  await expect(chat(page).getByRole("log")).toBeVisible();
  await expect(chat(page).getByRole("navigation", { name: "Conversations" })).toBeVisible();
  await expect(chat(page).getByRole("button", { name: "Draw support and resistance" })).toBeVisible();
});

test("draw support and resistance: lines arrive while the answer streams, Remove works, the thread survives a reload", async ({ page }) => {
  await openChart(page, "TSLA", "1D");
  await expect(drawingItems(page)).toHaveCount(0);
  await watchDrawingVersusAnswer(page);

  await ask(page, "draw support and resistance");

  await expect(transcript(page).locator('[data-role="user"]').first()).toHaveText("draw support and resistance");
  await expect(transcript(page).locator('[data-role="progress"]').first()).toContainText("Finding support and resistance on TSLA 1D");
  await expect(finishedAnswer(page)).toContainText(/support|resistance/i);
  const marks = await page.evaluate(() => (window as unknown as { __chatMarks: { drawing?: number; answerDone?: number } }).__chatMarks);
  expect(marks.drawing).toBeDefined();
  expect(marks.answerDone).toBeDefined();
  // The effect is sent as soon as the tools return, before the text: lines never wait for the answer.
  expect(marks.drawing ?? Infinity).toBeLessThanOrEqual(marks.answerDone ?? -Infinity);

  const lines = (await chartState(page)).drawings.filter((d) => d.type === "horizontal_line");
  expect(lines.length).toBeGreaterThanOrEqual(2);
  const before = await drawingItems(page).count();

  // The level card: one Remove per level, named after its row.
  await expect(transcript(page).getByRole("region", { name: "TSLA 1D · Levels" })).toBeVisible();
  const removes = transcript(page).getByRole("button", { name: /^Remove: / });
  const rows = await removes.count();
  expect(rows).toBeGreaterThanOrEqual(1);
  await expect(transcript(page).getByRole("button", { name: /^Same on 1h$/ })).toBeVisible();
  await removes.first().click();
  await expect(drawingItems(page)).toHaveCount(before - 1);
  // The server answers the removal with the card minus that row.
  await expect(removes).toHaveCount(rows - 1);

  await page.reload();
  await waitForChart(page, "TSLA", "1D");
  const history = chat(page).getByRole("navigation", { name: "Conversations" });
  const thread = history.getByRole("button", { name: /draw support and resistance/i });
  await expect(thread).toBeVisible();
  await thread.click();
  await expect(transcript(page).locator('[data-role="user"]')).toHaveText(["draw support and resistance"]);
  await expect(transcript(page).locator('[data-role="assistant"]').first()).toContainText(/support|resistance/i);
  await expect(transcript(page).getByRole("button", { name: /^Remove: / })).toHaveCount(rows - 1);
  // The history folds away while a conversation is on screen, leaving the column to the transcript;
  // unfolded again, it marks the thread that is open.
  await expect(thread).toBeHidden();
  await history.locator("summary").click();
  await expect(thread).toHaveAttribute("aria-current", "true");

  // The conversation continues in the reopened thread.
  await ask(page, "what chart is loaded?");
  await expect(transcript(page).locator('[data-role="user"]')).toHaveCount(2);
  await expect(finishedAnswer(page)).toContainText("TSLA");
});

test("Same on 1h re-runs the analysis on the server as a custom action", async ({ page }) => {
  await openChart(page, "TSLA", "1D");
  await ask(page, "draw support and resistance");
  await expect(transcript(page).getByRole("region", { name: "TSLA 1D · Levels" })).toBeVisible();
  await transcript(page).getByRole("button", { name: "Same on 1h" }).click();
  await waitForChart(page, "TSLA", "1h");
  await expect(transcript(page).locator('[data-role="progress"]').last()).toContainText("Finding support and resistance on TSLA 1h");
  await expect(transcript(page).getByRole("region", { name: "TSLA 1h · Levels" })).toBeVisible();
  expect((await chartState(page)).drawings.some((d) => d.type === "horizontal_line")).toBe(true);
});

test("the transcript keeps the newest answer in view as the conversation grows", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 800 });
  await openChart(page, "TSLA", "1D");
  await ask(page, "draw support and resistance");
  await expect(transcript(page).getByRole("region", { name: "TSLA 1D · Levels" })).toBeVisible();
  await ask(page, "detect patterns");
  await expect(transcript(page).getByRole("region", { name: "TSLA 1D · Patterns" })).toBeVisible();
  await ask(page, "what chart is loaded?");
  await expect(transcript(page).locator('[data-role="user"]')).toHaveCount(3);
  const answer = finishedAnswer(page);
  await expect(answer).toContainText("TSLA");
  // The log scrolled itself: the last answer is on screen, not below the fold of the chat column.
  await expect(answer).toBeInViewport();
  const gap = await transcript(page).evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight);
  expect(gap).toBeLessThan(24);
});

test("what chart is loaded? names the symbol and timeframe on screen", async ({ page }) => {
  await openChart(page, "TSLA", "1D");
  await chat(page).getByRole("button", { name: "What chart is loaded?" }).click();
  const answer = finishedAnswer(page);
  await expect(answer).toContainText("TSLA");
  await expect(answer).toContainText("1D");
  await expect(answer).not.toContainText(/which symbol/i);
});

test("detect patterns on NVDA runs the pattern tool", async ({ page }) => {
  await openChart(page, "NVDA", "1D");
  await ask(page, "detect patterns");
  await expect(transcript(page).locator('[data-role="progress"]').first()).toContainText(/Detecting .*patterns on NVDA 1D/);
  await expect(finishedAnswer(page)).toContainText("NVDA 1D");
  // The seeded demo series has patterns on NVDA 1D: they are drawn and listed on the card.
  const patterns = (await chartState(page)).drawings.filter((d) => d.type === "pattern");
  expect(patterns.length).toBeGreaterThanOrEqual(1);
  await expect(transcript(page).getByRole("region", { name: "NVDA 1D · Patterns" })).toBeVisible();
  await expect(transcript(page).getByRole("button", { name: /^Remove: / })).toHaveCount(patterns.length);
});

test("a failed request puts the question back in the box and says so in the chat", async ({ page }) => {
  await openChart(page, "TSLA", "1D");
  await page.route("**/api/chatkit", (route) =>
    route.fulfill({
      status: 503,
      contentType: "application/json",
      body: JSON.stringify({ success: false, code: "not_configured", error: "Down for a moment.", text: "The assistant is unavailable right now." }),
    }),
  );
  const box = chat(page).getByRole("textbox", { name: "Message" });
  await box.fill("draw support and resistance");
  await box.press("Enter");
  await expect(transcript(page).getByRole("alert")).toHaveText("The assistant is unavailable right now.");
  await expect(box).toHaveValue("draw support and resistance");
});

/**
 * A stand-in for ChatKit's web component, served in place of the CDN script: it defines
 * `<openai-chatkit>`, keeps the options the page gives it and reports ready, so the page's
 * ChatKit wiring (mode choice, fetch hook, effects, widget actions, status line) runs for real.
 */
const FAKE_CHATKIT = `
customElements.define("openai-chatkit", class extends HTMLElement {
  setOptions(options) {
    window.__chatkit = { options, element: this, customActions: [] };
    if (!this.readySent) { this.readySent = true; setTimeout(() => this.dispatchEvent(new CustomEvent("chatkit.ready"))); }
  }
  async sendCustomAction(action, itemId) { window.__chatkit.customActions.push({ action, itemId }); }
});`;

test("auto mode picks ChatKit when its script loads and reports ready, wired to the chart", async ({ page }) => {
  await page.route("https://cdn.platform.openai.com/**", (route) => route.fulfill({ status: 200, contentType: "application/javascript", body: FAKE_CHATKIT }));
  const headers: (string | null)[] = [];
  await page.route("**/api/chatkit", async (route) => {
    headers.push(route.request().headers()["x-chart-context"] ?? null);
    await route.continue();
  });
  await openChart(page, "TSLA", "1D");
  const panel = page.locator('[data-chat-ui="chatkit"]');
  await expect(panel).toBeVisible();
  await expect(page.locator('[data-chat-ui="builtin"]')).toHaveCount(0);

  // The api config: our server, with the chart on screen in a header of every request.
  const api = await page.evaluate(async () => {
    const { api } = (window as unknown as { __chatkit: { options: { api: { url: string; domainKey: string; fetch: typeof fetch } } } }).__chatkit.options;
    const res = await api.fetch(api.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ type: "threads.list", params: {}, metadata: {} }) });
    return { url: api.url, domainKey: api.domainKey, status: res.status };
  });
  expect(api).toEqual({ url: "/api/chatkit", domainKey: "domain_pk_localhost_dev", status: 200 });
  expect(JSON.parse(headers[0] ?? "null")).toMatchObject({ symbol: "TSLA", timeframe: "1D" });

  // A chart_commands effect draws; the card's Remove (a client action) takes it away and is forwarded.
  await page.evaluate(() => {
    const { element } = (window as unknown as { __chatkit: { element: HTMLElement } }).__chatkit;
    const commands = [{ type: "horizontal_line", id: "sr-s-200.00", price: 200, role: "support", label: "Support 200.00" }];
    element.dispatchEvent(new CustomEvent("chatkit.effect", { detail: { name: "chart_commands", data: { commands } } }));
    element.dispatchEvent(new CustomEvent("chatkit.effect", { detail: { name: "chart_commands", data: { commands: "CLEAR" } } }));
  });
  await expect(drawingItems(page)).toHaveCount(1);
  const forwarded = await page.evaluate(async () => {
    const kit = (window as unknown as { __chatkit: { options: { widgets: { onAction: (a: unknown, w: unknown) => Promise<void> } }; customActions: unknown[] } }).__chatkit;
    await kit.options.widgets.onAction({ type: "chart.remove_drawing", payload: { id: "sr-s-200.00" } }, { id: "msg_w1", widget: { type: "Card", children: [] } });
    return kit.customActions;
  });
  await expect(drawingItems(page)).toHaveCount(0);
  expect(forwarded).toEqual([{ action: { type: "chart.remove_drawing", payload: { id: "sr-s-200.00" } }, itemId: "msg_w1" }]);

  // The response lifecycle drives the status line.
  const status = panel.getByRole("status");
  await page.evaluate(() => (window as unknown as { __chatkit: { element: HTMLElement } }).__chatkit.element.dispatchEvent(new CustomEvent("chatkit.response.start")));
  await expect(status).toHaveText("Working on it…");
  await page.evaluate(() => (window as unknown as { __chatkit: { element: HTMLElement } }).__chatkit.element.dispatchEvent(new CustomEvent("chatkit.response.end")));
  await expect(status).toHaveText("");
});
