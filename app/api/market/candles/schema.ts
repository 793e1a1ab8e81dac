import { z } from "zod";
import { DEFAULT_CANDLE_LIMIT, MAX_CANDLE_LIMIT } from "@/lib/market/limits";
import { SymbolSchema, TimeframeSchema } from "@/lib/market/values";

const LimitSchema = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    const text = raw?.trim() ?? "";
    if (text === "") return DEFAULT_CANDLE_LIMIT;
    const n = /^\d{1,6}$/.test(text) ? Number(text) : Number.NaN;
    if (!(n >= 1 && n <= MAX_CANDLE_LIMIT)) {
      ctx.addIssue({ code: "custom", message: `expected an integer from 1 to ${MAX_CANDLE_LIMIT}` });
      return z.NEVER;
    }
    return n;
  });

/** `GET /api/market/candles` query: symbol and timeframe required (aliases accepted), limit 1..5000, default 500. */
export const CandlesQuerySchema = z.object({
  symbol: SymbolSchema,
  timeframe: TimeframeSchema,
  limit: LimitSchema,
});
