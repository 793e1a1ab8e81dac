import { expect, test, type Locator, type Page } from "@playwright/test";
import { chartState, drawingItems, openChart, waitForChart } from "./fixtures";

/**
 * The built-in chat panel against our ChatKit server, in real Chromium. ChatKit's web component
 * loads from OpenAI's CDN, which these tests block, so `CHAT_UI=auto` must fall back at once.
 */

test.beforeEach(async ({ page }) => {
  await page.route("https://cdn.platform.openai.com/**", (route) => route.abort("blockedbyclient"));
});

function chat(page: Page): Locator {
  return page.locator('[data-chat-ui="builtin"]');
}

function transcript(page: Page): Locator {
  return chat(page).getByRole("log");
}

async function ask(page: Page, question: string): Promise<void> {
  const box = chat(page).getByRole("textbox", { name: "Message" });
  await box.fill(question);
  await box.press("Enter");
  await expect(box).toHaveValue("");
}

/** The finished answer (streaming over) that follows the question just asked. */
function finishedAnswer(page: Page): Locator {
  return transcript(page).locator('[data-role="assistant"][aria-busy="false"]').last();
}

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
  await expect(thread).toHaveAttribute("aria-current", "true");

  // The conversation continues in the reopened thread.
  await ask(page, "what chart is loaded?");
  await expect(transcript(page).locator('[data-role="user"]')).toHaveCount(2);
  await expect(finishedAnswer(page)).toContainText("TSLA");
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
