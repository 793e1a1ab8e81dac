import { z } from "zod";
import { DrawingIdSchema } from "@/lib/commands/schema";
import { ChartContextSchema, type ChartContext } from "@/lib/market/values";

export const MAX_STORED_DRAWINGS = 500;

/** A drawing the page reports as on screen: enough for an agent to refer to it or remove it. */
export const DrawingSummarySchema = z.object({
  id: DrawingIdSchema,
  type: z.string().min(1).max(32),
  // `null` means absent, as for every optional field in the contract.
  label: z.preprocess((v) => (v === null ? undefined : v), z.string().max(80).optional()),
});
export type DrawingSummary = z.output<typeof DrawingSummarySchema>;

export interface StoredChartContext {
  chart_context: ChartContext;
  drawings: DrawingSummary[];
  /** ISO-8601, when the page last published. */
  updated_at: string;
}

/** Schema of a stored entry, so whatever comes back from Redis is checked like any other input. */
export const StoredChartContextSchema = z.object({
  chart_context: ChartContextSchema,
  drawings: z.array(DrawingSummarySchema).max(MAX_STORED_DRAWINGS),
  updated_at: z.string(),
});

/** What each user's page last published; one interface, memory or Redis behind it. */
export interface ChartContextStore {
  readonly kind: "memory" | "redis";
  put(userId: string, ctx: ChartContext, drawings: DrawingSummary[]): Promise<void>;
  get(userId: string): Promise<StoredChartContext | null>;
}
