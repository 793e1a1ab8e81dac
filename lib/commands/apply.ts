import type { z } from "zod";
import {
  ChartCommandSchema,
  MAX_COMMANDS_PER_BATCH,
  type ChartCommand,
  type ClearScope,
  type DrawingCommand,
} from "@/lib/commands/schema";
import { normalizeLegacy, type LegacyContext } from "@/lib/commands/legacy";
import { describeZodError } from "@/lib/http/zod-error";
import type { Timeframe } from "@/lib/market/values";

/**
 * The command executor's logic, free of React and of the chart library: a batch of
 * `ChartCommand | legacy string` goes in, the next drawings state and a per-element report
 * come out. The page's store wraps it; the chart renderer only reconciles the result.
 */

export interface ApplyResult {
  /** Drawing ids, or `load_symbol:TSLA`, `set_timeframe:1h`, `clear:all`, `remove:<id>`. */
  applied: string[];
  rejected: { index: number; error: string }[];
}

export type DrawingMap = Readonly<Record<string, DrawingCommand>>;

export interface ExecutorState {
  symbol: string;
  timeframe: Timeframe;
  /** Keyed by `chartKey(symbol, timeframe)`: drawings belong to the chart on screen when applied. */
  drawingsByChart: Readonly<Record<string, DrawingMap>>;
}

export interface ApplyOutcome {
  state: ExecutorState;
  result: ApplyResult;
  /** Legacy strings the contract drops; the page logs them with console.warn. */
  warnings: string[];
}

export function chartKey(symbol: string, timeframe: Timeframe): string {
  return `${symbol}|${timeframe}`;
}

/** Which drawing types each `clear` scope removes (CONTRACT.md "Chart commands"). */
export const CLEAR_SCOPE_TYPES: Readonly<Record<ClearScope, ReadonlySet<DrawingCommand["type"]>>> = {
  all: new Set(["horizontal_line", "zone", "trendline", "pattern", "marker", "indicator", "fibonacci"]),
  lines: new Set(["horizontal_line", "zone", "trendline", "fibonacci"]),
  patterns: new Set(["pattern", "marker"]),
  indicators: new Set(["indicator"]),
};

const COMMAND_TYPES = [...(ChartCommandSchema._zod.propValues?.type ?? [])].join(", ");

/** `[3].price: required`: the element's index first, then the field, as the contract reports schema errors. */
export function describeCommandError(index: number, error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue?.code === "invalid_union" && issue.path.length === 1 && issue.path[0] === "type") {
    return `[${index}].type: expected one of ${COMMAND_TYPES}`;
  }
  return describeZodError(error, [index]);
}

function isDrawing(cmd: ChartCommand): cmd is DrawingCommand {
  return !(cmd.type === "load_symbol" || cmd.type === "set_timeframe" || cmd.type === "remove" || cmd.type === "clear");
}

/**
 * Applies `input` in array order. Never throws: a bad element is reported in `rejected` and
 * the rest still apply. `load_symbol` / `set_timeframe` switch the current chart, so later
 * drawings in the same batch belong to the new one. Only touched charts are copied.
 */
export function applyCommandBatch(state: ExecutorState, input: unknown, legacyCtx: LegacyContext = {}): ApplyOutcome {
  const result: ApplyResult = { applied: [], rejected: [] };
  const warnings: string[] = [];
  if (!Array.isArray(input)) {
    result.rejected.push({ index: 0, error: "expected an array of chart commands" });
    return { state, result, warnings };
  }
  if (input.length > MAX_COMMANDS_PER_BATCH) {
    result.rejected.push({
      index: MAX_COMMANDS_PER_BATCH,
      error: `a batch holds at most ${MAX_COMMANDS_PER_BATCH} commands; got ${input.length}, none applied`,
    });
    return { state, result, warnings };
  }

  let symbol = state.symbol;
  let timeframe = state.timeframe;
  const startKey = chartKey(symbol, timeframe);
  const charts: Record<string, DrawingMap> = { ...state.drawingsByChart };
  const copied = new Set<string>();
  const writable = (key: string): Record<string, DrawingCommand> => {
    if (!copied.has(key)) {
      charts[key] = { ...charts[key] };
      copied.add(key);
    }
    return charts[key] as Record<string, DrawingCommand>;
  };

  input.forEach((element, index) => {
    let candidate: unknown = element;
    if (typeof element === "string") {
      // The legacy context describes the chart the batch started on; it means nothing after a switch.
      const ctx = chartKey(symbol, timeframe) === startKey ? legacyCtx : {};
      const legacy = normalizeLegacy(element, ctx);
      if (!legacy.command) {
        const warning = legacy.warning ?? "ignored legacy command";
        warnings.push(warning);
        result.rejected.push({ index, error: `[${index}]: ${warning}` });
        return;
      }
      candidate = legacy.command;
    }
    const parsed = ChartCommandSchema.safeParse(candidate);
    if (!parsed.success) {
      result.rejected.push({ index, error: describeCommandError(index, parsed.error) });
      return;
    }
    const cmd = parsed.data;
    const key = chartKey(symbol, timeframe);
    switch (cmd.type) {
      case "load_symbol":
        symbol = cmd.symbol;
        if (cmd.timeframe) timeframe = cmd.timeframe;
        result.applied.push(`load_symbol:${cmd.symbol}`);
        return;
      case "set_timeframe":
        timeframe = cmd.timeframe;
        result.applied.push(`set_timeframe:${cmd.timeframe}`);
        return;
      case "remove": {
        if (!charts[key]?.[cmd.id]) {
          result.rejected.push({ index, error: `[${index}].id: no drawing "${cmd.id}" on ${symbol} ${timeframe}` });
          return;
        }
        delete writable(key)[cmd.id];
        result.applied.push(`remove:${cmd.id}`);
        return;
      }
      case "clear": {
        const types = CLEAR_SCOPE_TYPES[cmd.scope];
        const current = charts[key];
        if (current && Object.values(current).some((d) => types.has(d.type))) {
          const map = writable(key);
          for (const [id, drawing] of Object.entries(map)) if (types.has(drawing.type)) delete map[id];
        }
        result.applied.push(`clear:${cmd.scope}`);
        return;
      }
      default:
        if (!isDrawing(cmd)) return;
        // Replace by id, whatever the previous type: re-inserting moves it to the end (newest last).
        const map = writable(key);
        delete map[cmd.id];
        map[cmd.id] = cmd;
        result.applied.push(cmd.id);
    }
  });

  for (const key of copied) if (Object.keys(charts[key] ?? {}).length === 0) delete charts[key];
  const changed = copied.size > 0 || symbol !== state.symbol || timeframe !== state.timeframe;
  return { state: changed ? { symbol, timeframe, drawingsByChart: charts } : state, result, warnings };
}

/** The drawings of one chart, oldest first. */
export function drawingsOf(state: ExecutorState, symbol = state.symbol, timeframe = state.timeframe): DrawingCommand[] {
  return Object.values(state.drawingsByChart[chartKey(symbol, timeframe)] ?? {});
}
