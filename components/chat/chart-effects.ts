import { z } from "zod";
import { MAX_COMMANDS_PER_BATCH } from "@/lib/commands/schema";
import { CHART_COMMANDS_EFFECT, RemoveDrawingActionSchema } from "@/lib/chatkit/protocol";

/**
 * What the chat UIs accept from the server besides text: the `chart_commands` client effect and
 * the card's client-side widget action (CONTRACT.md, "POST /api/chatkit"). Both UIs parse
 * through here, so a malformed payload is rejected the same way wherever it arrives.
 */

/**
 * The envelope only: each command is validated by the store's `applyCommands`, which applies the
 * valid ones and reports the rest, so one bad command never drops a whole batch.
 */
const ChartCommandsEffectDataSchema = z.object({
  commands: z.array(z.unknown()).max(MAX_COMMANDS_PER_BATCH),
});

export type EffectParseResult =
  | { kind: "chart_commands"; commands: unknown[] }
  | { kind: "invalid"; error: string }
  | { kind: "ignored"; name: string };

export function parseClientEffect(name: string, data: unknown): EffectParseResult {
  if (name !== CHART_COMMANDS_EFFECT) return { kind: "ignored", name };
  const parsed = ChartCommandsEffectDataSchema.safeParse(data);
  if (!parsed.success) return { kind: "invalid", error: z.prettifyError(parsed.error) };
  return { kind: "chart_commands", commands: parsed.data.commands };
}

/** The drawing id when `action` is a valid `chart.remove_drawing`; null for anything else. */
export function removeDrawingId(action: { type: string; payload?: unknown }): string | null {
  const parsed = RemoveDrawingActionSchema.safeParse(action);
  return parsed.success ? parsed.data.payload.id : null;
}
