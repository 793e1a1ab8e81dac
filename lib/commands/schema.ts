import { z } from "zod";
import { SymbolSchema, TimeframeSchema } from "@/lib/market/values";

/** The chart-command language of CONTRACT.md: one union shared by server, page and tests. */

export const MAX_COMMANDS_PER_BATCH = 500;
export const DRAWING_ID_PATTERN = /^[A-Za-z0-9._:-]{1,64}$/;

export const DrawingIdSchema = z.string().regex(DRAWING_ID_PATTERN, "expected 1-64 characters of A-Z a-z 0-9 . _ : -");
const Price = z.number().positive().finite();
const Time = z.number().int();
const Label = z.string().max(80);
const Color = z.string().regex(/^#[0-9a-fA-F]{6}$/, "expected a #rrggbb colour");
const Unit = z.number().min(0).max(1);

export const PointSchema = z.object({ time: Time, price: Price });
export type Point = z.output<typeof PointSchema>;

export const LEVEL_ROLES = ["support", "resistance", "level"] as const;
export type LevelRole = (typeof LEVEL_ROLES)[number];
export const TRENDLINE_ROLES = ["support", "resistance", "channel_upper", "channel_lower"] as const;
export type TrendlineRole = (typeof TRENDLINE_ROLES)[number];
export const DIRECTIONS = ["bullish", "bearish", "neutral"] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const PATTERN_NAMES = [
  "double_top",
  "double_bottom",
  "head_and_shoulders",
  "inverse_head_and_shoulders",
  "ascending_triangle",
  "descending_triangle",
  "symmetrical_triangle",
  "rising_wedge",
  "falling_wedge",
  "bull_flag",
  "bear_flag",
  "ascending_channel",
  "descending_channel",
  "horizontal_channel",
] as const;
export type PatternName = (typeof PATTERN_NAMES)[number];

export const INDICATOR_NAMES = ["sma", "ema", "rsi", "bollinger", "macd", "vwap"] as const;
export type IndicatorName = (typeof INDICATOR_NAMES)[number];

export const DEFAULT_FIB_LEVELS = [0, 0.236, 0.382, 0.5, 0.618, 0.786, 1] as const;

export const CLEAR_SCOPES = ["all", "lines", "patterns", "indicators"] as const;
export type ClearScope = (typeof CLEAR_SCOPES)[number];

const Period = z.number().int().min(1).max(1000);

/** Parameters each indicator takes; `params` is checked against the one for `name`. */
export const INDICATOR_PARAM_SCHEMAS = {
  sma: z.object({ period: Period }),
  ema: z.object({ period: Period }),
  rsi: z.object({ period: Period }),
  bollinger: z.object({ period: Period, stddev: z.number().positive().max(10) }),
  macd: z.object({ fast: Period, slow: Period, signal: Period }),
  vwap: z.object({}),
} as const satisfies Record<IndicatorName, z.ZodType>;
export type IndicatorParams<N extends IndicatorName = IndicatorName> = z.output<(typeof INDICATOR_PARAM_SCHEMAS)[N]>;

export const LoadSymbolCommandSchema = z.object({
  type: z.literal("load_symbol"),
  symbol: SymbolSchema,
  timeframe: TimeframeSchema.optional(),
});
export const SetTimeframeCommandSchema = z.object({ type: z.literal("set_timeframe"), timeframe: TimeframeSchema });
export const HorizontalLineCommandSchema = z.object({
  type: z.literal("horizontal_line"),
  id: DrawingIdSchema,
  price: Price,
  role: z.enum(LEVEL_ROLES),
  label: Label,
  strength: Unit.optional(),
  color: Color.optional(),
});
export const ZoneCommandSchema = z.object({
  type: z.literal("zone"),
  id: DrawingIdSchema,
  from_price: Price,
  to_price: Price,
  role: z.enum(LEVEL_ROLES),
  label: Label,
  from_time: Time.optional(),
  to_time: Time.optional(),
});
export const TrendlineCommandSchema = z.object({
  type: z.literal("trendline"),
  id: DrawingIdSchema,
  start: PointSchema,
  end: PointSchema,
  role: z.enum(TRENDLINE_ROLES),
  label: Label,
  extend: z.enum(["none", "right", "both"]).default("none"),
});
export const PatternCommandSchema = z.object({
  type: z.literal("pattern"),
  id: DrawingIdSchema,
  name: z.enum(PATTERN_NAMES),
  points: z.array(PointSchema).min(2).max(64),
  direction: z.enum(DIRECTIONS),
  confidence: Unit,
  label: Label,
  status: z.enum(["forming", "confirmed"]).optional(),
  target: Price.optional(),
  neckline: z.object({ start: PointSchema, end: PointSchema }).optional(),
});
export const MarkerCommandSchema = z.object({
  type: z.literal("marker"),
  id: DrawingIdSchema,
  time: Time,
  position: z.enum(["above", "below"]),
  shape: z.enum(["arrow_up", "arrow_down", "circle"]),
  text: z.string().max(32).optional(),
});
export const IndicatorCommandSchema = z
  .object({
    type: z.literal("indicator"),
    id: DrawingIdSchema,
    name: z.enum(INDICATOR_NAMES),
    params: z.record(z.string(), z.unknown()).default({}),
  })
  .transform((cmd, ctx) => {
    const parsed = INDICATOR_PARAM_SCHEMAS[cmd.name].safeParse(cmd.params);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, path: ["params", ...issue.path] } as never);
      return z.NEVER;
    }
    return { ...cmd, params: parsed.data as Record<string, number> };
  });

export const FibonacciCommandSchema = z.object({
  type: z.literal("fibonacci"),
  id: DrawingIdSchema,
  start: PointSchema,
  end: PointSchema,
  levels: z.array(z.number().min(-1).max(5)).min(1).max(20).optional(),
});
export const RemoveCommandSchema = z.object({ type: z.literal("remove"), id: DrawingIdSchema });
export const ClearCommandSchema = z.object({ type: z.literal("clear"), scope: z.enum(CLEAR_SCOPES).default("all") });

export const ChartCommandSchema = z.discriminatedUnion("type", [
  LoadSymbolCommandSchema,
  SetTimeframeCommandSchema,
  HorizontalLineCommandSchema,
  ZoneCommandSchema,
  TrendlineCommandSchema,
  PatternCommandSchema,
  MarkerCommandSchema,
  IndicatorCommandSchema,
  FibonacciCommandSchema,
  RemoveCommandSchema,
  ClearCommandSchema,
]);
export type ChartCommand = z.output<typeof ChartCommandSchema>;
export type ChartCommandInput = z.input<typeof ChartCommandSchema>;
export type ChartCommandType = ChartCommand["type"];
export type DrawingCommand = Exclude<ChartCommand, { type: "load_symbol" | "set_timeframe" | "remove" | "clear" }>;
export type HorizontalLineCommand = z.output<typeof HorizontalLineCommandSchema>;
export type ZoneCommand = z.output<typeof ZoneCommandSchema>;
export type TrendlineCommand = z.output<typeof TrendlineCommandSchema>;
export type PatternCommand = z.output<typeof PatternCommandSchema>;
export type MarkerCommand = z.output<typeof MarkerCommandSchema>;
export type IndicatorCommand = z.output<typeof IndicatorCommandSchema>;
export type FibonacciCommand = z.output<typeof FibonacciCommandSchema>;

export const ChartCommandListSchema = z.array(ChartCommandSchema).max(MAX_COMMANDS_PER_BATCH);
