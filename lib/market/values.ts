import { z } from "zod";

export const TIMEFRAMES = ["1m", "5m", "15m", "30m", "1h", "4h", "1D", "1W", "1M"] as const;
export type Timeframe = (typeof TIMEFRAMES)[number];

const TIMEFRAME_ALIASES: Readonly<Record<string, Timeframe>> = {
  "1min": "1m",
  "5min": "5m",
  "15min": "15m",
  "30min": "30m",
  "60m": "1h",
  "60min": "1h",
  "1hr": "1h",
  "1H": "1h",
  hourly: "1h",
  "4hr": "4h",
  "4H": "4h",
  "240m": "4h",
  "1d": "1D",
  d: "1D",
  D: "1D",
  day: "1D",
  daily: "1D",
  "1w": "1W",
  w: "1W",
  W: "1W",
  week: "1W",
  weekly: "1W",
  "1mo": "1M",
  mo: "1M",
  month: "1M",
  monthly: "1M",
};

/** Canonical timeframe for a canonical name or a contract alias; null for anything else. */
export function normalizeTimeframe(raw: string): Timeframe | null {
  const trimmed = raw.trim();
  if ((TIMEFRAMES as readonly string[]).includes(trimmed)) return trimmed as Timeframe;
  return TIMEFRAME_ALIASES[trimmed] ?? null;
}

export const TimeframeSchema = z
  .string()
  .transform((raw, ctx) => {
    const tf = normalizeTimeframe(raw);
    if (!tf) {
      ctx.addIssue({ code: "custom", message: `expected one of ${TIMEFRAMES.join(", ")}` });
      return z.NEVER;
    }
    return tf;
  });

export const SYMBOL_PATTERN = /^\^?[A-Z0-9][A-Z0-9.=-]{0,14}$/;

/** Trimmed and upper-cased; null when it is not a valid symbol. */
export function normalizeSymbol(raw: string): string | null {
  const s = raw.trim().toUpperCase();
  return SYMBOL_PATTERN.test(s) ? s : null;
}

export const SymbolSchema = z.string().transform((raw, ctx) => {
  const s = normalizeSymbol(raw);
  if (!s) {
    ctx.addIssue({ code: "custom", message: "expected a ticker such as TSLA, BRK.B, ^GSPC, BTC-USD or EURUSD=X" });
    return z.NEVER;
  }
  return s;
});

/** `null` for an optional field means absent (the contract's rule; models send it too). */
export function optionalNullable<T extends z.ZodType>(schema: T) {
  return schema.nullish().transform((v): z.output<T> | undefined => v ?? undefined);
}

export const VisibleRangeSchema = z
  .object({ from: z.number().int(), to: z.number().int() })
  .refine((r) => r.from <= r.to, { message: "from must be <= to", path: ["from"] });

export const ChartContextSchema = z.object({
  symbol: SymbolSchema,
  timeframe: TimeframeSchema,
  snapshot_id: optionalNullable(z.string().max(128)),
  visible_range: optionalNullable(VisibleRangeSchema),
});
export type ChartContext = z.output<typeof ChartContextSchema>;
export type VisibleRange = z.output<typeof VisibleRangeSchema>;

/** Length of one bar in seconds (1M is nominal: months are calendar-aligned by providers). */
export const TIMEFRAME_SECONDS: Readonly<Record<Timeframe, number>> = {
  "1m": 60,
  "5m": 300,
  "15m": 900,
  "30m": 1800,
  "1h": 3600,
  "4h": 14400,
  "1D": 86400,
  "1W": 604800,
  "1M": 2592000,
};

/** Bars shorter than a day: sessions restart within the chart (intraday VWAP, bar-time labels). */
export function isIntraday(timeframe: Timeframe): boolean {
  return TIMEFRAME_SECONDS[timeframe] < TIMEFRAME_SECONDS["1D"];
}
