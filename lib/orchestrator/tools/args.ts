import { optionalNullable, SymbolSchema, TIMEFRAMES, TimeframeSchema } from "@/lib/market/values";

/** Pieces of the tool argument schemas. Models often send `null` for an optional argument: "not given". */
export const optional = optionalNullable;

export const symbolArg = () =>
  optional(SymbolSchema).describe("Ticker such as TSLA, BTC-USD or ^GSPC. Omit for the chart on screen; another symbol than the chart's is loaded first.");

export const timeframeArg = () => optional(TimeframeSchema).describe(`Bar timeframe, one of ${TIMEFRAMES.join(", ")}. Omit for the chart's timeframe.`);

/** The chart an analysis runs on: the one on screen unless named. */
export const targetShape = () => ({ symbol: symbolArg(), timeframe: timeframeArg() });
