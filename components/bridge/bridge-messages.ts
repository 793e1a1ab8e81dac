import { z } from "zod";
import { MAX_COMMANDS_PER_BATCH } from "@/lib/commands/schema";

/**
 * The postMessage bridge of CONTRACT.md, as a pure function: a message and its origin go in,
 * the reply for the sender (or nothing) comes out. The window listener is a thin shell.
 */

/** Messages larger than this (as JSON) are ignored whole. */
export const MAX_BRIDGE_MESSAGE_BYTES = 256 * 1024;

const RequestContextSchema = z.object({ type: z.literal("chatkit_request_context") });
const ChartCommandsSchema = z.object({
  type: z.literal("chatkit_chart_commands"),
  commands: z.array(z.unknown()).max(MAX_COMMANDS_PER_BATCH),
});
const BridgeMessageSchema = z.discriminatedUnion("type", [RequestContextSchema, ChartCommandsSchema]);

export interface BridgeChartContext {
  symbol: string;
  timeframe: string;
  snapshot_id: string | null;
}

export type BridgeReply =
  | { type: "chart_context"; data: BridgeChartContext }
  | { type: "chart_commands_result"; applied: string[]; rejected: { index: number; error: string }[] };

export interface BridgeTarget {
  chartContext(): BridgeChartContext;
  applyCommands(input: unknown[]): { applied: string[]; rejected: { index: number; error: string }[] };
  warn(message: string, detail?: unknown): void;
}

/** The page's own origin plus the configured ones; `"null"` (sandboxed or file frames) never. */
export function bridgeOrigins(own: string, configured: readonly string[]): ReadonlySet<string> {
  const out = new Set<string>();
  for (const o of [own, ...configured]) if (o && o !== "null") out.add(o);
  return out;
}

/** Serialised size in bytes, or Infinity for something that does not serialise (cycles, BigInt). */
function jsonBytes(value: unknown): number {
  try {
    const json = JSON.stringify(value);
    return json === undefined ? 0 : new TextEncoder().encode(json).byteLength;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

function hasBridgeType(data: unknown): boolean {
  if (typeof data !== "object" || data === null) return false;
  const type = (data as { type?: unknown }).type;
  return type === "chatkit_request_context" || type === "chatkit_chart_commands";
}

export function handleBridgeMessage(message: { origin: string; data: unknown }, allowed: ReadonlySet<string>, target: BridgeTarget): BridgeReply | null {
  if (message.origin === "null" || !allowed.has(message.origin)) return null;
  // Other scripts on the page post messages too (devtools, extensions): only ours are read.
  if (!hasBridgeType(message.data)) return null;
  if (jsonBytes(message.data) > MAX_BRIDGE_MESSAGE_BYTES) {
    target.warn(`chat bridge: ignored a message over ${MAX_BRIDGE_MESSAGE_BYTES} bytes from ${message.origin}`);
    return null;
  }
  const parsed = BridgeMessageSchema.safeParse(message.data);
  if (!parsed.success) {
    target.warn(`chat bridge: ignored a malformed message from ${message.origin}`, z.prettifyError(parsed.error));
    return null;
  }
  switch (parsed.data.type) {
    case "chatkit_request_context":
      return { type: "chart_context", data: target.chartContext() };
    case "chatkit_chart_commands": {
      const result = target.applyCommands(parsed.data.commands);
      for (const r of result.rejected) target.warn(`chat bridge: command ${r.index} rejected: ${r.error}`);
      return { type: "chart_commands_result", applied: result.applied, rejected: result.rejected };
    }
  }
}
