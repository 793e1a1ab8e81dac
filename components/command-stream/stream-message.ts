import { StreamMessageSchema, type CommandSource, type StreamMessage } from "@/lib/command-bus/event";

/** Dispatched on `window` after commands from the stream were applied; the chat UI shows a line for it. */
export const CHART_COMMANDS_RECEIVED_EVENT = "chart-commands-received";

export interface CommandsReceivedDetail {
  source: CommandSource;
  /** The answer text of the agent that produced the commands, when it sent one. */
  text?: string;
  applied: string[];
  rejected: { index: number; error: string }[];
}

const SOURCE_LABELS: Readonly<Record<CommandSource, string>> = {
  mcp: "an MCP agent",
  webhook: "the webhook",
  action: "the chart action",
};

/** One `data:` payload of the stream, or null when it is not ours or malformed. */
export function parseStreamData(raw: string): StreamMessage | null {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return null;
  }
  const parsed = StreamMessageSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** The line shown on the page: where the commands came from and what happened to them. */
export function describeArrival(detail: CommandsReceivedDetail): string {
  const from = `Chart updated by ${SOURCE_LABELS[detail.source]}`;
  const counts = [`${plural(detail.applied.length, "command")} applied`];
  if (detail.rejected.length > 0) counts.push(`${detail.rejected.length} rejected`);
  return `${from}: ${counts.join(", ")}.`;
}
