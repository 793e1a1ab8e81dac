import type { Timeframe } from "@/lib/market/values";
import type { ChartState } from "../tools/types";
import type { ToolName } from "../types";
import type { IndicatorSpec } from "./entities";
import { ANALYSIS_INTENTS, type ParsedMessage } from "./intents";

export interface PlannedCall {
  tool: ToolName;
  args: Record<string, unknown>;
}

export type RulesPlan =
  | { kind: "calls"; calls: PlannedCall[] }
  /** A chart question with no chart anywhere and no ticker in it. */
  | { kind: "ask_symbol" }
  | { kind: "not_chart" };

/** Tool arguments for an indicator spec, flattened as the add_indicator schema takes them. */
export function indicatorArgs(spec: IndicatorSpec): Record<string, unknown> {
  return { name: spec.name, ...spec.params };
}

/**
 * Turns parsed intents into tool calls, in the order their commands must apply: clearing first,
 * then the chart switch, then the drawings that belong to the chart switched to.
 */
export function planCalls(parsed: ParsedMessage, context: ChartState | null): RulesPlan {
  const { intents, entities } = parsed;
  if (intents.length === 0) return { kind: "not_chart" };

  const named = entities.symbols[0] ?? null;
  const symbol = named ?? context?.symbol ?? null;
  const needsSymbol = intents.some((i) => ANALYSIS_INTENTS.has(i) || i === "chart_info");
  if (needsSymbol && !symbol && !(intents.length === 1 && intents[0] === "chart_info" && context)) return { kind: "ask_symbol" };

  const timeframe: Timeframe = entities.timeframe ?? context?.timeframe ?? "1D";
  const target: Record<string, unknown> = symbol ? { symbol, timeframe } : {};
  const calls: PlannedCall[] = [];
  for (const intent of intents) {
    switch (intent) {
      case "chart_info":
        calls.push({ tool: "get_chart_context", args: {} });
        break;
      case "clear":
        calls.push({ tool: "clear_drawings", args: { scope: parsed.clearScope } });
        break;
      case "load_symbol":
        calls.push({ tool: "load_symbol", args: entities.timeframe ? { symbol: named, timeframe: entities.timeframe } : { symbol: named } });
        break;
      case "set_timeframe":
        calls.push({ tool: "set_timeframe", args: { timeframe: entities.timeframe } });
        break;
      case "trend":
        calls.push({ tool: "market_summary", args: target });
        break;
      case "levels":
        calls.push({ tool: "support_resistance", args: parsed.levelZones ? { ...target, role: parsed.levelRole, zones: true } : { ...target, role: parsed.levelRole } });
        break;
      case "trendlines":
        calls.push({ tool: "trendlines", args: target });
        break;
      case "fibonacci":
        calls.push({ tool: "fibonacci", args: target });
        break;
      case "patterns":
        calls.push({ tool: "detect_patterns", args: entities.patternNames.length ? { ...target, names: entities.patternNames } : target });
        break;
      case "candlesticks":
        calls.push({ tool: "candlestick_patterns", args: entities.candlestickNames.length ? { ...target, names: entities.candlestickNames } : target });
        break;
      case "indicators":
        calls.push({ tool: "add_indicator", args: { ...target, indicators: entities.indicators.map(indicatorArgs) } });
        break;
      case "full_analysis":
        calls.push(
          { tool: "market_summary", args: target },
          { tool: "support_resistance", args: { ...target, role: "both" } },
          { tool: "trendlines", args: target },
          { tool: "detect_patterns", args: target },
          { tool: "candlestick_patterns", args: target },
        );
        break;
    }
  }
  return { kind: "calls", calls };
}
