import { z } from "zod";
import { SymbolSchema, TIMEFRAMES, TimeframeSchema } from "@/lib/market/values";

/**
 * Pieces of the tool argument schemas. Models often send `null` for an optional argument;
 * that means "not given", as everywhere in the contract.
 */
export function optional<T extends z.ZodType>(schema: T) {
  return schema.nullish().transform((v): z.output<T> | undefined => v ?? undefined);
}

export const symbolArg = () =>
  optional(SymbolSchema).describe("Ticker such as TSLA, BTC-USD or ^GSPC. Omit for the chart on screen; another symbol than the chart's is loaded first.");

export const timeframeArg = () => optional(TimeframeSchema).describe(`Bar timeframe, one of ${TIMEFRAMES.join(", ")}. Omit for the chart's timeframe.`);

/** The chart an analysis runs on: the one on screen unless named. */
export const targetShape = () => ({ symbol: symbolArg(), timeframe: timeframeArg() });
