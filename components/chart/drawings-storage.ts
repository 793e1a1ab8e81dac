import { z } from "zod";
import type { DrawingMap } from "@/lib/commands/apply";
import { ChartCommandSchema, type DrawingCommand } from "@/lib/commands/schema";
import { SYMBOL_PATTERN, TIMEFRAMES } from "@/lib/market/values";

/**
 * Drawings survive reloads in localStorage, per chart. What comes back is untrusted (another
 * version of the app, a user's edits): every chart key and drawing is checked again, and
 * anything that fails is left out rather than breaking the page.
 */

export const DRAWINGS_STORAGE_KEY = "chart-assistant:drawings:v1";

const StoredSchema = z.record(z.string(), z.record(z.string(), z.unknown()));

function isChartKey(key: string): boolean {
  const bar = key.lastIndexOf("|");
  return bar > 0 && SYMBOL_PATTERN.test(key.slice(0, bar)) && (TIMEFRAMES as readonly string[]).includes(key.slice(bar + 1));
}

export function parseStoredDrawings(raw: string | null): Record<string, DrawingMap> {
  if (!raw) return {};
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return {};
  }
  const stored = StoredSchema.safeParse(json);
  if (!stored.success) return {};
  const out: Record<string, DrawingMap> = {};
  for (const [key, drawings] of Object.entries(stored.data)) {
    if (!isChartKey(key)) continue;
    const map: Record<string, DrawingCommand> = {};
    for (const [id, value] of Object.entries(drawings)) {
      const parsed = ChartCommandSchema.safeParse(value);
      if (!parsed.success || !("id" in parsed.data) || parsed.data.id !== id) continue;
      const cmd = parsed.data;
      if (cmd.type === "remove") continue;
      map[id] = cmd;
    }
    if (Object.keys(map).length > 0) out[key] = map;
  }
  return out;
}

export function loadDrawings(storage: Pick<Storage, "getItem">): Record<string, DrawingMap> {
  try {
    return parseStoredDrawings(storage.getItem(DRAWINGS_STORAGE_KEY));
  } catch {
    // Storage disabled (privacy mode, sandboxed frame): start empty.
    return {};
  }
}

export function saveDrawings(storage: Pick<Storage, "setItem">, drawings: Readonly<Record<string, DrawingMap>>): void {
  try {
    storage.setItem(DRAWINGS_STORAGE_KEY, JSON.stringify(drawings));
  } catch (err) {
    console.warn("[chart] drawings could not be saved", err);
  }
}
