import { z } from "zod";
import { ChartCommandListSchema, MAX_COMMANDS_PER_BATCH } from "@/lib/commands/schema";

/** Where commands pushed to a page came from (the contract's stream `source`). */
export const COMMAND_SOURCES = ["webhook", "mcp", "action"] as const;
export type CommandSource = (typeof COMMAND_SOURCES)[number];

/** What travels on the bus (and through Redis between instances). */
export const CommandEventSchema = z.object({
  commands: ChartCommandListSchema,
  source: z.enum(COMMAND_SOURCES),
  text: z.string().max(16_000).optional(),
});
export type CommandEvent = z.output<typeof CommandEventSchema>;

/**
 * One `data:` event of `GET /api/chart-commands/stream` as the page reads it. Commands stay
 * `unknown` here: the page's store validates each one and reports the rejected ones.
 */
export const StreamMessageSchema = z.object({
  type: z.literal("chart_commands"),
  commands: z.array(z.unknown()).max(MAX_COMMANDS_PER_BATCH),
  source: z.enum(COMMAND_SOURCES),
  text: z.string().optional(),
});
export type StreamMessage = z.output<typeof StreamMessageSchema>;

export function streamMessage(event: CommandEvent): StreamMessage {
  return event.text === undefined
    ? { type: "chart_commands", commands: event.commands, source: event.source }
    : { type: "chart_commands", commands: event.commands, source: event.source, text: event.text };
}
