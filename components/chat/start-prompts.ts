import type { StartScreenPrompt } from "@openai/chatkit-react";

/** The integration plan's example prompts, offered by both chat UIs on an empty thread. */
export const START_PROMPTS: readonly StartScreenPrompt[] = [
  { label: "What chart is loaded?", prompt: "What chart is loaded?", icon: "chart" },
  { label: "Draw support and resistance", prompt: "Draw support and resistance", icon: "analytics" },
  { label: "Detect patterns", prompt: "Detect patterns", icon: "search" },
  { label: "Add the 200-day SMA", prompt: "Add the 200-day SMA", icon: "bolt" },
  { label: "Load AAPL", prompt: "Load AAPL", icon: "globe" },
];

export const START_GREETING = "Ask about the chart on screen";
