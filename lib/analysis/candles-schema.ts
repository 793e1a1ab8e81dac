import { z } from "zod";
import { CandleSchema } from "@/lib/market/types";
import { ANALYSIS_TOOLS, type CandleColumns } from "./types";
import { emptyColumns } from "./columns";

export const MIN_ANALYZE_CANDLES = 2;
export const MAX_ANALYZE_CANDLES = 20_000;
/** The contract's body limit for `/api/analyze` (4 MiB). */
export const ANALYZE_BODY_LIMIT = 4_194_304;

/**
 * Candles as the contract accepts them, validated one by one so the error names the first bad
 * index: each candle against CandleSchema (finite positive prices, OHLC ordering, volume >= 0,
 * default 0), and each time above the one before it (the later candle is the bad one). Output:
 * the columns every analysis reads, built in the same pass.
 */
export const CandleListSchema = z
  .array(z.unknown())
  .min(MIN_ANALYZE_CANDLES, `expected at least ${MIN_ANALYZE_CANDLES} candles`)
  .max(MAX_ANALYZE_CANDLES, `expected at most ${MAX_ANALYZE_CANDLES} candles`)
  .transform((items, ctx): CandleColumns => {
    const n = items.length;
    const cols = emptyColumns(n);
    for (let i = 0; i < n; i++) {
      const parsed = CandleSchema.safeParse(items[i]);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, path: [i, ...issue.path] } as never);
        return z.NEVER;
      }
      const c = parsed.data;
      if (i > 0 && !(c.time > cols.time[i - 1]!)) {
        ctx.addIssue({ code: "custom", path: [i, "time"], message: `must be greater than the previous candle's time (${cols.time[i - 1]})` });
        return z.NEVER;
      }
      cols.time[i] = c.time;
      cols.open[i] = c.open;
      cols.high[i] = c.high;
      cols.low[i] = c.low;
      cols.close[i] = c.close;
      cols.volume[i] = c.volume;
    }
    return cols;
  });

export const AnalyzeRequestSchema = z.object({
  candles: CandleListSchema,
  tools: z
    .array(z.enum(ANALYSIS_TOOLS))
    .min(1, `expected at least one of ${ANALYSIS_TOOLS.join(", ")} (omit tools for all)`)
    .optional(),
  /** Reserved: accepted and ignored. */
  options: z.unknown().optional(),
});
export type AnalyzeRequest = z.output<typeof AnalyzeRequestSchema>;
