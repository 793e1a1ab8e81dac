import { INDICATOR_NAMES, type IndicatorName } from "@/lib/commands/schema";
import { normalizeSymbol, normalizeTimeframe, type VisibleRange } from "@/lib/market/values";

/**
 * The integration plan's string commands (CONTRACT.md "Legacy strings") turned into command
 * objects. The result is still unvalidated input: the executor runs it through
 * ChartCommandSchema like any other element, so this module only parses the grammar.
 */

export interface LegacyContext {
  /** The chart's visible time range: FIBONACCI:<low>:<high> spans it. */
  visibleRange?: VisibleRange;
  /** The last close: TRENDLINE takes its role from which side of price the line ends on. */
  lastClose?: number;
}

export interface LegacyResult {
  command?: Record<string, unknown>;
  warning?: string;
}

/** Defaults used when a legacy INDICATOR string names no period (the conventional settings). */
export const DEFAULT_INDICATOR_PARAMS: Readonly<Record<IndicatorName, Readonly<Record<string, number>>>> = {
  sma: { period: 20 },
  ema: { period: 20 },
  rsi: { period: 14 },
  bollinger: { period: 20, stddev: 2 },
  macd: { fast: 12, slow: 26, signal: 9 },
  vwap: {},
};

/** `ind-sma-50`, `ind-macd-12-26-9`, `ind-vwap`: the contract's one-id-per-indicator-line scheme. */
export function indicatorId(name: IndicatorName, params: Readonly<Record<string, number>>): string {
  const parts = Object.values(params).map((v) => String(v));
  return ["ind", name, ...parts].join("-");
}

const INDICATOR_ALIASES: Readonly<Record<string, IndicatorName>> = {
  ma: "sma",
  bb: "bollinger",
  bbands: "bollinger",
  bollinger_bands: "bollinger",
};

/** A period only makes sense for these; MACD and VWAP take none in the legacy grammar. */
const PERIOD_INDICATORS: ReadonlySet<IndicatorName> = new Set(["sma", "ema", "rsi", "bollinger"]);

const NUMBER = /^[0-9]+(?:\.[0-9]+)?$/;
const INTEGER = /^-?[0-9]+$/;

function positivePrice(text: string): number | null {
  if (!NUMBER.test(text)) return null;
  const n = Number(text);
  return Number.isFinite(n) && n > 0 ? n : null;
}

function drop(raw: string, why: string): LegacyResult {
  return { warning: `ignored legacy command "${raw.slice(0, 80)}": ${why}` };
}

/** `SUPPORT:212.40` or `SUPPORT:212.40 "Weekly floor"`. */
function level(raw: string, role: "support" | "resistance", rest: string): LegacyResult {
  const match = /^([^\s"]+)\s*(?:"([^"]*)")?$/.exec(rest.trim());
  const priceText = match?.[1] ?? "";
  const price = positivePrice(priceText);
  if (!match || price === null) return drop(raw, "expected a positive price");
  const word = role === "support" ? "Support" : "Resistance";
  const given = match[2]?.trim();
  return {
    command: {
      type: "horizontal_line",
      id: `legacy-${role}-${priceText}`,
      price,
      role,
      label: given ? given : `${word} ${priceText}`,
    },
  };
}

function trendline(raw: string, args: string[], ctx: LegacyContext): LegacyResult {
  if (args.length !== 4) return drop(raw, "expected TRENDLINE:<t1>:<p1>:<t2>:<p2> with unix-second times");
  const [t1s = "", p1s = "", t2s = "", p2s = ""] = args;
  const p1 = positivePrice(p1s);
  const p2 = positivePrice(p2s);
  if (!INTEGER.test(t1s) || !INTEGER.test(t2s) || p1 === null || p2 === null) {
    return drop(raw, "expected integer times and positive prices");
  }
  let t1 = Number(t1s);
  let t2 = Number(t2s);
  let [a, b] = [p1, p2];
  if (t2 < t1) [t1, t2, a, b] = [t2, t1, b, a];
  // Below the last close the line holds price up (support); above it, caps it. Without a price, the slope decides.
  const support = ctx.lastClose !== undefined ? ctx.lastClose >= b : b >= a;
  const role = support ? "support" : "resistance";
  return {
    command: {
      type: "trendline",
      id: `legacy-trendline-${t1}-${t2}`,
      start: { time: t1, price: a },
      end: { time: t2, price: b },
      role,
      label: support ? "Support trendline" : "Resistance trendline",
    },
  };
}

function fibonacci(raw: string, args: string[], ctx: LegacyContext): LegacyResult {
  if (args.length !== 2) return drop(raw, "expected FIBONACCI:<low>:<high>");
  const [lows = "", highs = ""] = args;
  const low = positivePrice(lows);
  const high = positivePrice(highs);
  if (low === null || high === null) return drop(raw, "expected positive prices");
  if (!ctx.visibleRange) return drop(raw, "no visible range to span");
  const [lo, hi] = low <= high ? [low, high] : [high, low];
  return {
    command: {
      type: "fibonacci",
      id: `legacy-fibonacci-${lows}-${highs}`,
      start: { time: ctx.visibleRange.from, price: lo },
      end: { time: ctx.visibleRange.to, price: hi },
    },
  };
}

function indicator(raw: string, args: string[]): LegacyResult {
  const [nameText = "", option, ...extra] = args;
  const key = nameText.trim().toLowerCase();
  const name = (INDICATOR_NAMES as readonly string[]).includes(key) ? (key as IndicatorName) : INDICATOR_ALIASES[key];
  if (!name) return drop(raw, `unknown indicator "${nameText}"`);
  if (extra.length > 0) return drop(raw, "expected INDICATOR:<name>[:<period>|:ON|:OFF]");
  const params: Record<string, number> = { ...DEFAULT_INDICATOR_PARAMS[name] };
  const opt = option?.trim().toUpperCase();
  if (opt && opt !== "ON" && opt !== "OFF") {
    if (!PERIOD_INDICATORS.has(name)) return drop(raw, `${name} takes no period`);
    if (!/^[0-9]{1,4}$/.test(opt) || Number(opt) < 1) return drop(raw, "expected a whole-number period");
    params.period = Number(opt);
  }
  const id = indicatorId(name, params);
  if (opt === "OFF") return { command: { type: "remove", id } };
  return { command: { type: "indicator", id, name, params } };
}

/** One legacy string → a command object to validate, or a warning when the contract drops it. */
export function normalizeLegacy(s: string, ctx: LegacyContext = {}): LegacyResult {
  const raw = s.trim();
  const colon = raw.indexOf(":");
  const prefix = (colon === -1 ? raw : raw.slice(0, colon)).trim().toUpperCase();
  const rest = colon === -1 ? "" : raw.slice(colon + 1);
  const args = colon === -1 ? [] : rest.split(":").map((a) => a.trim());

  switch (prefix) {
    case "LOAD": {
      const symbol = normalizeSymbol(rest.trim().replace(/^\$/, ""));
      return symbol ? { command: { type: "load_symbol", symbol } } : drop(raw, "not a valid symbol");
    }
    case "TIMEFRAME": {
      const timeframe = normalizeTimeframe(rest);
      // Range values (5D, 1Y, YTD) choose a window, not a bar size: the contract drops them.
      return timeframe ? { command: { type: "set_timeframe", timeframe } } : drop(raw, "not a bar timeframe");
    }
    case "SUPPORT":
      return level(raw, "support", rest);
    case "RESISTANCE":
      return level(raw, "resistance", rest);
    case "TRENDLINE":
      return trendline(raw, args, ctx);
    case "FIBONACCI":
      return fibonacci(raw, args, ctx);
    case "INDICATOR":
      return indicator(raw, args);
    case "CLEAR": {
      const scope = (args[0] || "ALL").toLowerCase();
      if (args.length > 1 || !["all", "lines", "patterns", "indicators"].includes(scope)) {
        return drop(raw, "expected CLEAR or CLEAR:ALL");
      }
      return { command: { type: "clear", scope } };
    }
    default:
      return drop(raw, "unknown command");
  }
}
