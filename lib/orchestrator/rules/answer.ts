import type { ToolFacts, LevelFact } from "../tools/facts";
import { formatPct, formatPrice, formatPriceLike, formatTime, humanName, plural } from "../tools/format";
import type { SmallTalk } from "./intents";

type Facts<T extends ToolFacts["tool"]> = Extract<ToolFacts, { tool: T }>;

function list(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

function levelText(l: LevelFact, timeframe: Facts<"support_resistance">["timeframe"]): string {
  return `${formatPrice(l.price)} (${plural(l.touches, "touch", "touches")}, last ${formatTime(l.last_time, timeframe)})`;
}

function levels(f: Facts<"support_resistance">): string {
  const chart = `${f.symbol} ${f.timeframe}`;
  const parts: string[] = [];
  const wantSupport = f.role !== "resistance";
  const wantResistance = f.role !== "support";
  if (wantSupport) parts.push(f.support.length ? `support at ${list(f.support.map((l) => levelText(l, f.timeframe)))}` : `no clear support below ${formatPrice(f.last_close)}`);
  if (wantResistance) {
    parts.push(f.resistance.length ? `resistance at ${list(f.resistance.map((l) => levelText(l, f.timeframe)))}` : `no clear resistance above ${formatPrice(f.last_close)}`);
  }
  let text = `${chart}: ${parts.join("; ")}.`;
  const s = f.support[0];
  const r = f.resistance[0];
  const where: string[] = [];
  if (s) where.push(`${Math.abs(s.distance_pct).toFixed(1)}% above the nearest support`);
  if (r) where.push(`${Math.abs(r.distance_pct).toFixed(1)}% below the nearest resistance`);
  text += ` Last close ${formatPrice(f.last_close)}${where.length ? `, ${list(where)}` : ""}.`;
  const drawn = f.support.length + f.resistance.length;
  if (drawn) text += ` Drew ${plural(drawn, "level")} on the chart.`;
  const watch: string[] = [];
  if (s) watch.push(`a close below ${formatPrice(s.price)} ${f.support[1] ? `opens ${formatPrice(f.support[1].price)}` : "breaks the nearest support"}`);
  if (r) watch.push(`a close above ${formatPrice(r.price)} ${f.resistance[1] ? `targets ${formatPrice(f.resistance[1].price)}` : "is a breakout"}`);
  if (watch.length) text += ` Watch: ${watch.join("; ")}.`;
  return text;
}

function trendlines(f: Facts<"trendlines">): string {
  const chart = `${f.symbol} ${f.timeframe}`;
  if (f.lines.length === 0) return `${chart}: no trendline with three or more touches right now.`;
  const describe = (l: Facts<"trendlines">["lines"][number]) => {
    const slope = l.slope_per_bar > 0 ? "rising" : l.slope_per_bar < 0 ? "falling" : "flat";
    const role = l.role === "channel_upper" ? "channel top" : l.role === "channel_lower" ? "channel bottom" : `${l.role} line`;
    return `a ${slope} ${role} (${plural(l.touches, "touch", "touches")}) now near ${formatPrice(l.price_now)}`;
  };
  const below = f.lines.filter((l) => l.price_now < f.last_close).sort((a, b) => b.price_now - a.price_now)[0];
  const above = f.lines.filter((l) => l.price_now > f.last_close).sort((a, b) => a.price_now - b.price_now)[0];
  let text = `${chart}: drew ${plural(f.lines.length, "trendline")}: ${list(f.lines.map(describe))}. Last close ${formatPrice(f.last_close)}.`;
  const watch: string[] = [];
  if (below) watch.push(`a close under ${formatPrice(below.price_now)} breaks the line below`);
  if (above) watch.push(`a close over ${formatPrice(above.price_now)} breaks the line above`);
  if (watch.length) text += ` Watch: ${watch.join("; ")}.`;
  return text;
}

function patterns(f: Facts<"detect_patterns">): string {
  const chart = `${f.symbol} ${f.timeframe}`;
  const kinds = f.requested ? list(f.requested.map((n) => humanName(n).toLowerCase())) : "chart pattern";
  if (f.patterns.length === 0) return `${chart}: no ${f.requested ? kinds : "chart patterns"} in the last ${f.bars} bars.`;
  const describe = (p: Facts<"detect_patterns">["patterns"][number]) =>
    `${humanName(p.name).toLowerCase()} (${p.direction}, ${p.status}, confidence ${p.confidence.toFixed(2)}${p.target !== undefined ? `, target ${formatPrice(p.target)}` : ""})`;
  const ranked = [...f.patterns].sort((a, b) => b.confidence - a.confidence);
  const best = ranked[0]!;
  const shown = ranked.slice(0, 3).map(describe);
  const more = ranked.length > shown.length ? ` (and ${ranked.length - shown.length} more)` : "";
  let text = `${chart}: found ${list(shown)}${more}; ${ranked.length === 1 ? "it is" : "all"} drawn on the chart.`;
  text +=
    best.status === "forming"
      ? ` Watch the ${humanName(best.name).toLowerCase()}: it is still forming, so wait for a close through its boundary before acting.`
      : ` The ${humanName(best.name).toLowerCase()} is confirmed${best.target !== undefined ? `; its measured move points to ${formatPrice(best.target)} (last close ${formatPrice(f.last_close)})` : ""}.`;
  return text;
}

function candles(f: Facts<"candlestick_patterns">): string {
  const chart = `${f.symbol} ${f.timeframe}`;
  if (f.candles.length === 0) return `${chart}: no ${f.requested ? list(f.requested.map((n) => humanName(n).toLowerCase())) : "candlestick patterns"} in the last ${f.bars} bars.`;
  const recent = [...f.candles].sort((a, b) => b.time - a.time);
  const shown = recent.slice(0, 6).map((c) => `${humanName(c.name).toLowerCase()} on ${formatTime(c.time, f.timeframe)}`);
  const more = recent.length > shown.length ? ` (and ${recent.length - shown.length} more)` : "";
  const last = recent[0]!;
  return `${chart}, last ${f.bars} bars: ${list(shown)}${more}, marked on the chart. Most recent: ${humanName(last.name).toLowerCase()} (${last.direction}); it counts once the next bar confirms it.`;
}

function indicatorLine(i: Facts<"add_indicator">["indicators"][number], close: number | null): string {
  const v = i.last;
  const n = (x: number | null | undefined) => (x === null || x === undefined ? "n/a" : formatPrice(x));
  switch (i.name) {
    case "sma":
    case "ema": {
      const val = v.value;
      const side = val != null && close != null ? (close >= val ? ", price above" : ", price below") : "";
      return `${i.name.toUpperCase()}(${i.params.period}) ${n(val)}${side}`;
    }
    case "rsi": {
      const val = v.value;
      const zone = val == null ? "" : val >= 70 ? " (overbought)" : val <= 30 ? " (oversold)" : " (neutral)";
      return `RSI(${i.params.period}) ${val == null ? "n/a" : val.toFixed(1)}${zone}`;
    }
    case "bollinger":
      return `Bollinger(${i.params.period}, ${i.params.stddev}) ${n(v.lower)}–${n(v.upper)}, middle ${n(v.middle)}`;
    case "macd": {
      const h = v.histogram;
      return `MACD(${i.params.fast}, ${i.params.slow}, ${i.params.signal}) ${v.macd == null ? "n/a" : v.macd.toFixed(2)} vs signal ${v.signal == null ? "n/a" : v.signal.toFixed(2)}${h == null ? "" : h >= 0 ? " (bullish)" : " (bearish)"}`;
    }
    case "vwap":
      return `VWAP ${n(v.value)}`;
  }
}

const INDICATOR_TITLE: Record<Facts<"add_indicator">["indicators"][number]["name"], string> = {
  sma: "SMA",
  ema: "EMA",
  rsi: "RSI",
  bollinger: "Bollinger Bands",
  macd: "MACD",
  vwap: "VWAP",
};

function indicators(f: Facts<"add_indicator">): string {
  const names = f.indicators.map((i) => {
    const p = Object.values(i.params);
    return `${INDICATOR_TITLE[i.name]}${p.length ? `(${p.join(", ")})` : ""}`;
  });
  let text = `Added ${list(names)} to ${f.symbol} ${f.timeframe}. ${f.indicators.map((i) => indicatorLine(i, f.last_close)).join("; ")}.`;
  const ma = f.indicators.filter((i) => (i.name === "sma" || i.name === "ema") && i.last.value != null).sort((a, b) => a.params.period! - b.params.period!);
  if (ma.length >= 2) {
    const fast = ma[0]!;
    const slow = ma[ma.length - 1]!;
    text += ` The ${fast.params.period} is ${fast.last.value! >= slow.last.value! ? "above" : "below"} the ${slow.params.period} (${fast.last.value! >= slow.last.value! ? "bullish" : "bearish"} order); a cross is the signal to watch.`;
  }
  return text;
}

function fibonacci(f: Facts<"fibonacci">): string {
  const chart = `${f.symbol} ${f.timeframe}`;
  if (!f.swing) return `${chart}: no clear swing to measure a Fibonacci retracement from.`;
  const up = f.swing.to.price > f.swing.from.price;
  const lv = f.levels.filter((l) => l.ratio > 0 && l.ratio < 1).map((l) => `${(l.ratio * 100).toFixed(1).replace(/\.0$/, "")}% ${formatPrice(l.price)}`);
  let nearest = f.levels[0];
  for (const l of f.levels) if (nearest && Math.abs(l.price - f.last_close) < Math.abs(nearest.price - f.last_close)) nearest = l;
  return (
    `${chart}: Fibonacci retracement of the move from ${formatPrice(f.swing.from.price)} (${formatTime(f.swing.from.time, f.timeframe)}) ${up ? "up" : "down"} to ${formatPrice(f.swing.to.price)} (${formatTime(f.swing.to.time, f.timeframe)}): ${lv.join(", ")}.` +
    (nearest ? ` Last close ${formatPrice(f.last_close)} is nearest the ${(nearest.ratio * 100).toFixed(1).replace(/\.0$/, "")}% level (${formatPrice(nearest.price)}).` : "")
  );
}

function summary(f: Facts<"market_summary">): string {
  const trend = f.trend.direction === "sideways" ? "sideways" : `${f.trend.direction}trend`;
  return (
    `${f.symbol} last ${formatPrice(f.last_price)} (${f.change >= 0 ? "+" : "-"}${formatPriceLike(Math.abs(f.change), f.last_price)}, ${formatPct(f.change_pct)} on the day). ` +
    `${f.timeframe} trend: ${trend} (strength ${f.trend.strength.toFixed(2)}). ` +
    `Over the last ${f.bars} bars: ${formatPct(f.period_change_pct)}, range ${formatPrice(f.period_low)}–${formatPrice(f.period_high)}.`
  );
}

function chartInfo(f: Facts<"get_chart_context">): string {
  if (!f.chart) return "I can't see which chart you have open. Which symbol should I load?";
  let text = `You're viewing ${f.chart.symbol} on the ${f.chart.timeframe} timeframe`;
  if (f.chart.visible_range) text += `, from ${formatTime(f.chart.visible_range.from, f.chart.timeframe)} to ${formatTime(f.chart.visible_range.to, f.chart.timeframe)}`;
  text += ".";
  if (f.drawings.length) text += ` ${plural(f.drawings.length, "drawing")} on it.`;
  return text;
}

/** One sentence per tool result, in the order the tools ran. */
export function describeFacts(f: ToolFacts): string {
  switch (f.tool) {
    case "get_chart_context":
      return chartInfo(f);
    case "load_symbol":
      return `Loaded ${f.symbol} on the ${f.timeframe} timeframe.`;
    case "set_timeframe":
      return f.symbol ? `Switched ${f.symbol} to the ${f.timeframe} timeframe.` : `Switched the chart to the ${f.timeframe} timeframe.`;
    case "clear_drawings":
      return `Cleared ${f.scope === "all" ? "all drawings" : f.scope}${f.symbol ? ` from ${f.symbol} ${f.timeframe}` : " from the chart"}.`;
    case "support_resistance":
      return levels(f);
    case "trendlines":
      return trendlines(f);
    case "detect_patterns":
      return patterns(f);
    case "candlestick_patterns":
      return candles(f);
    case "add_indicator":
      return indicators(f);
    case "fibonacci":
      return fibonacci(f);
    case "market_summary":
      return summary(f);
  }
}

export const ASK_SYMBOL_TEXT =
  "Which symbol should I analyse? Name a ticker (for example TSLA, AAPL or BTC-USD), or open a chart and ask again.";

const CAPABILITIES =
  "I read the chart with you: ask for support and resistance, trendlines, chart or candlestick patterns, Fibonacci levels, indicators such as the 50 and 200 SMA or RSI, the trend, or say \"load AAPL\" or \"switch to 4 hour\".";

export function smallTalkText(kind: SmallTalk | null): string {
  switch (kind) {
    case "greeting":
      return `Hi! ${CAPABILITIES}`;
    case "thanks":
      return "You're welcome. Ask me anything else about the chart.";
    case "farewell":
      return "Goodbye, and good trading.";
    case "help":
      return CAPABILITIES;
    case null:
      return `That's outside what I can help with here. ${CAPABILITIES}`;
  }
}

/** The answer text: each tool's sentence, failures explained, a data note when demo data stood in. */
export function writeAnswer(facts: ToolFacts[], errors: string[], dataNote?: string): string {
  const parts = facts.map(describeFacts);
  parts.push(...errors);
  if (dataNote) parts.push(`Note: ${dataNote}`);
  return parts.join(" ").trim() || "Done.";
}
