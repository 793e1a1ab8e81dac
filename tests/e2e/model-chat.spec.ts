import { expect, test } from "@playwright/test";
import { freePort, startApp, type AppServer } from "../support/app-server";
import { startFakeOpenAI, type FakeOpenAI } from "../support/fake-openai";
import { ask, chartState, finishedAnswer, openChart, transcript } from "./fixtures";

/**
 * The model engine end to end: the built app with OPENAI_API_KEY, its `openai` client pointed at
 * a local OpenAI-compatible server (tests/support/fake-openai.ts) that plays the model. The model
 * asks for a tool, the tool draws on the page's chart, and the model's markdown answer is shown
 * formatted in the built-in panel, with raw HTML kept as text.
 */

test.describe.configure({ mode: "serial" });

let fake: FakeOpenAI;
let app: AppServer;

test.beforeAll(async () => {
  fake = await startFakeOpenAI();
  app = await startApp({
    port: await freePort(),
    env: { MARKET_DATA_PROVIDER: "demo", OPENAI_API_KEY: "sk-e2e", OPENAI_BASE_URL: fake.url, CHAT_UI: "builtin", REDIS_URL: "" },
  });
});

test.afterAll(async () => {
  await app?.stop();
  await fake?.close();
});

test("with a model: its tool call draws the levels, and its markdown answer is shown formatted", async ({ page }) => {
  await page.route("https://cdn.platform.openai.com/**", (route) => route.abort("blockedbyclient"));
  fake.enqueue(
    { type: "tool_calls", calls: [{ name: "support_resistance", arguments: {} }] },
    {
      type: "text",
      text: "**Support** and resistance are drawn.\n\n- watch the lower line\n- a close above the upper one breaks out\n\nRaw <b>markup</b> stays text.",
      chunks: 4,
    },
  );
  await openChart(page, "TSLA", "1D", app.url);

  await ask(page, "draw support and resistance");

  const answer = finishedAnswer(page);
  await expect(answer.locator("strong")).toHaveText("Support");
  await expect(answer.getByRole("listitem")).toHaveText(["watch the lower line", "a close above the upper one breaks out"]);
  await expect(answer).toContainText("Raw <b>markup</b> stays text.");
  await expect(answer.locator("b")).toHaveCount(0);
  await expect(transcript(page).locator('[data-role="notice"]')).toHaveCount(0);

  const lines = (await chartState(page)).drawings.filter((d) => d.type === "horizontal_line");
  expect(lines.length).toBeGreaterThanOrEqual(2);
  // The model was told which chart is on screen.
  expect(JSON.stringify(fake.requests[0]?.body)).toContain("TSLA on the 1D timeframe");
});
