import type { ToolFacts, LevelFact } from "../tools/facts";
import { barsPhrase, formatMonth, formatPct, formatPrice, formatPriceLike, formatSpan, formatTime, humanName, plural } from "../tools/format";
import type { Timeframe } from "@/lib/market/values";
import type { SmallTalk } from "./intents";

type Facts<T extends ToolFacts["tool"]> = Extract<ToolFacts, { tool: T }>;

function list(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/** "in Mar 2026" on daily and longer bars, "on 2026-11-25 14:00 UTC" intraday. */
function formatWhen(time: number, timeframe: Timeframe): string {
  return ["1D", "1W", "1M"].includes(timeframe) ? `in ${formatMonth(time)}` : `on ${formatTime(time, timeframe)}`;
}

function pctText(x: number): string {
  return `${Math.abs(x).toFixed(1)}%`;
}

function levelText(l: LevelFact, timeframe: Facts<"support_resistance">["timeframe"]): string {
  const zone = l.zone ? `zone ${formatPrice(l.zone.from)}–${formatPrice(l.zone.to)}, ` : "";
  return `${formatPrice(l.price)} (${zone}${plural(l.touches, "touch", "touches")}, last ${formatTime(l.last_time, timeframe)})`;
}

/** Within this distance of the close a level is being tested, not approached. */
const AT_LEVEL_PCT = 0.15;

function levels(f: Facts<"support_resistance">): string {
  const chart = `${f.symbol} ${f.timeframe}`;
  const parts: string[] = [];
  const wantSupport = f.role !== "resistance";
  const wantResistance = f.role !== "support";
  const noun = (side: string) => (f.zones ? `${side} zones` : side);
  if (wantSupport) {
    parts.push(f.support.length ? `${f.zones ? "demand/support" : "support"} at ${list(f.support.map((l) => levelText(l, f.timeframe)))}` : `no clear ${noun("support")} below ${formatPrice(f.last_close)}`);
  }
  if (wantResistance) {
    parts.push(
      f.resistance.length
        ? `${f.zones ? "supply/resistance" : "resistance"} at ${list(f.resistance.map((l) => levelText(l, f.timeframe)))}`
        : `no clear ${noun("resistance")} above ${formatPrice(f.last_close)}`,
    );
  }
  let text = `${chart}: ${parts.join("; ")}.`;
  const s = f.support[0];
  const r = f.resistance[0];
  const where: string[] = [];
  if (s) where.push(Math.abs(s.distance_pct) < AT_LEVEL_PCT ? `sitting on support ${formatPrice(s.price)}` : `${pctText(s.distance_pct)} above the nearest support`);
  if (r) where.push(Math.abs(r.distance_pct) < AT_LEVEL_PCT ? `testing resistance ${formatPrice(r.price)}` : `${pctText(r.distance_pct)} below the nearest resistance`);
  text += ` Last close ${formatPrice(f.last_close)}${where.length ? `, ${list(where)}` : ""}.`;
  const drawn = f.support.length + f.resistance.length;
  if (drawn) text += ` Drew ${plural(drawn, "level")}${f.zones ? " with their zones" : ""} on the chart.`;
  const watch: string[] = [];
  if (s) watch.push(`a close below ${formatPrice(s.zone?.from ?? s.price)} ${f.support[1] ? `opens ${formatPrice(f.support[1].price)}` : "breaks the nearest support"}`);
  if (r) watch.push(`a close above ${formatPrice(r.zone?.to ?? r.price)} ${f.resistance[1] ? `targets ${formatPrice(f.resistance[1].price)}` : "is a breakout"}`);
  if (watch.length) text += ` Watch: ${watch.join("; ")}.`;
  return text;
}

type LineFact = Facts<"trendlines">["lines"][number];

function trendlines(f: Facts<"trendlines">): string {
  const chart = `${f.symbol} ${f.timeframe}`;
  if (f.lines.length === 0) return `${chart}: no trendline with three or more touches right now.`;
  const close = f.last_close;
  // A support line price has fallen through (or a resistance it has cleared) is broken: it now sits on the other side.
  const lowerSide = (l: LineFact) => l.role === "support" || l.role === "channel_lower";
  const broken = (l: LineFact) => (lowerSide(l) ? l.price_now > close : l.price_now < close);
  const describe = (l: LineFact) => {
    const slope = l.slope_per_bar > 0 ? "rising" : l.slope_per_bar < 0 ? "falling" : "flat";
    const role = l.role === "channel_upper" ? "channel top" : l.role === "channel_lower" ? "channel bottom" : `${l.role} line`;
    const pct = ((l.price_now - close) / close) * 100;
    const where = Math.abs(pct) < AT_LEVEL_PCT ? "right at the close" : `${pctText(pct)} ${pct < 0 ? "below" : "above"} the close`;
    const state = broken(l) ? `, broken: price is now ${pct < 0 ? "above" : "below"} it` : "";
    return `a ${slope} ${role} (${plural(l.touches, "touch", "touches")}) at ${formatPrice(l.price_now)} now, ${where}${state}`;
  };
  const below = f.lines.filter((l) => l.price_now < close).sort((a, b) => b.price_now - a.price_now)[0];
  const above = f.lines.filter((l) => l.price_now > close).sort((a, b) => a.price_now - b.price_now)[0];
  let text = `${chart}: drew ${plural(f.lines.length, "trendline")}, extended to the last bar: ${list(f.lines.map(describe))}. Last close ${formatPrice(close)}.`;
  const watch: string[] = [];
  if (below) watch.push(`a close under ${formatPrice(below.price_now)} ${broken(below) ? "loses the broken line it is now holding above" : "breaks the nearest line below"}`);
  if (above) watch.push(`a close over ${formatPrice(above.price_now)} ${broken(above) ? "reclaims the broken line above" : "breaks the nearest line above"}`);
  if (watch.length) text += ` Watch: ${watch.join("; ")}.`;
  return text;
}

type PatternFactOf = Facts<"detect_patterns">["patterns"][number];

function patterns(f: Facts<"detect_patterns">): string {
  const chart = `${f.symbol} ${f.timeframe}`;
  const kinds = f.requested ? list(f.requested.map((n) => humanName(n).toLowerCase())) : "chart pattern";
  if (f.patterns.length === 0) return `${chart}: no ${f.requested ? kinds : "chart patterns"} in the last ${f.bars} bars.`;
  const when = (p: PatternFactOf) => formatSpan(p.start_time, p.end_time, f.timeframe);
  const target = (p: PatternFactOf) => {
    if (p.target === undefined) return "";
    if (p.outcome === "target_reached") return `, target ${formatPrice(p.target)} reached${p.outcome_time !== null ? ` ${formatWhen(p.outcome_time, f.timeframe)}` : ""}`;
    if (p.outcome === "invalidated") return `, closed beyond ${formatPrice(p.invalidation!)}${p.outcome_time !== null ? ` ${formatWhen(p.outcome_time, f.timeframe)}` : ""}`;
    const away = ((p.target - f.last_close) / f.last_close) * 100;
    return `, target ${formatPrice(p.target)}, ${pctText(away)} ${away >= 0 ? "above" : "below"} the close`;
  };
  const live = f.patterns.filter((p) => p.drawn);
  const old = f.patterns.filter((p) => !p.drawn);
  const parts: string[] = [];
  const state = (p: PatternFactOf) =>
    p.outcome === "invalidated" ? "failed" : p.outcome === "target_reached" ? "played out" : p.status === "forming" ? "forming" : "confirmed, open";
  if (live.length) {
    const describe = (p: PatternFactOf) => `${humanName(p.name).toLowerCase()} (${when(p)}; ${p.direction}, ${state(p)}, confidence ${p.confidence.toFixed(2)}${target(p)})`;
    const shown = live.slice(0, 3).map(describe);
    if (live.length > shown.length) shown.push(plural(live.length - shown.length, "more"));
    parts.push(`${chart}: drew ${plural(live.length, "recent or still-open pattern")}, newest first: ${list(shown)}.`);
    const best = live.find((p) => p.outcome === "open");
    if (!best) {
      parts.push(live.length === 1 ? "It is no longer open: it has already reached its target or failed." : "None of them is still open: each has reached its target or failed.");
    } else {
      const name = humanName(best.name).toLowerCase();
      const guard = best.invalidation !== null ? ` A close ${best.direction === "bullish" ? "below" : "above"} ${formatPrice(best.invalidation)} invalidates it.` : "";
      if (best.status === "forming") parts.push(`Watch the ${name}: it is still forming, so wait for a close through its boundary before acting.${guard}`);
      else parts.push(`The ${name} is confirmed${best.target !== undefined ? `; its measured move points to ${formatPrice(best.target)} (last close ${formatPrice(f.last_close)})` : ""}.${guard}`);
    }
  } else {
    parts.push(`${chart}: no ${f.requested ? kinds : "chart pattern"} recent or still open (last close ${formatPrice(f.last_close)}), so none is drawn.`);
  }
  if (old.length) {
    const history = (p: PatternFactOf) => {
      const fate =
        p.outcome === "target_reached"
          ? `target ${formatPrice(p.target!)} reached${p.outcome_time !== null ? ` ${formatWhen(p.outcome_time, f.timeframe)}` : ""}`
          : p.outcome === "invalidated"
            ? `invalidated when price closed beyond ${formatPrice(p.invalidation!)}${p.outcome_time !== null ? ` ${formatWhen(p.outcome_time, f.timeframe)}` : ""}${p.target !== undefined ? `, target ${formatPrice(p.target)} never reached` : ""}`
            : p.target !== undefined
              ? `still short of its ${formatPrice(p.target)} target, but too old to count`
              : "too old to count";
      return `${humanName(p.name).toLowerCase()} (${p.direction}, ${when(p)}: ${fate})`;
    };
    const shown = old.slice(0, 2).map(history);
    if (old.length > shown.length) shown.push(plural(old.length - shown.length, "older one"));
    parts.push(`Historical, not drawn: ${list(shown)}.`);
  }
  return parts.join(" ");
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
      const zone =
        val == null ? "" : val >= 70 ? " (overbought)" : val <= 30 ? " (oversold)" : val >= 65 ? " (near overbought)" : val <= 35 ? " (near oversold)" : " (neutral)";
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

function ratioText(r: number): string {
  return `${(r * 100).toFixed(1).replace(/\.0$/, "")}%`;
}

function fibonacci(f: Facts<"fibonacci">): string {
  // One precision for every level, the drawing's: that of the swing's lower price.
  const fp = (x: number) => formatPriceLike(x, Math.min(f.swing?.from.price ?? x, f.swing?.to.price ?? x));
  const chart = `${f.symbol} ${f.timeframe}`;
  if (!f.swing) return `${chart}: no clear swing to measure a Fibonacci retracement from.`;
  const up = f.swing.to.price > f.swing.from.price;
  const lv = f.levels.filter((l) => l.ratio > 0 && l.ratio < 1).map((l) => `${ratioText(l.ratio)} ${fp(l.price)}`);
  let text =
    `${chart}: drew a Fibonacci retracement of the move ${up ? "up" : "down"} from ${fp(f.swing.from.price)} (${formatTime(f.swing.from.time, f.timeframe)}) ` +
    `to ${fp(f.swing.to.price)} (${formatTime(f.swing.to.time, f.timeframe)}), measured back from the ${up ? "high" : "low"} (0%): ${lv.join(", ")}.`;
  // The levels the close sits between, by price: what it has held and what comes next.
  const byPrice = [...f.levels].sort((a, b) => a.price - b.price);
  const close = f.last_close;
  const below = byPrice.filter((l) => l.price <= close).at(-1);
  const above = byPrice.find((l) => l.price > close);
  const near = [below, above].filter((l): l is { ratio: number; price: number } => l !== undefined).find((l) => Math.abs(l.price - close) / close * 100 < AT_LEVEL_PCT);
  if (near) text += ` Last close ${fp(close)} is testing the ${ratioText(near.ratio)} level (${fp(near.price)}).`;
  else if (below && above) text += ` Last close ${fp(close)} sits between the ${ratioText(below.ratio)} (${fp(below.price)}) and ${ratioText(above.ratio)} (${fp(above.price)}) levels.`;
  else if (above) text += ` Last close ${fp(close)} is below the whole retracement (under ${fp(above.price)}): the ${up ? "up-move has been fully retraced" : "down-move is extending"}.`;
  else if (below) text += ` Last close ${fp(close)} is above the whole retracement (over ${fp(below.price)}): the ${up ? "up-move is extending" : "down-move has been fully retraced"}.`;
  if (below && above && !near) {
    const golden = f.levels.filter((l) => l.ratio === 0.5 || l.ratio === 0.618);
    if (golden.length === 2) text += ` Watch the golden pocket ${fp(Math.min(golden[0]!.price, golden[1]!.price))}–${fp(Math.max(golden[0]!.price, golden[1]!.price))}.`;
  }
  return text;
}

/** A net move this large over the trend window is not "sideways", even when it is too erratic to be a trend. */
const CHOPPY_PCT = 5;

function summary(f: Facts<"market_summary">): string {
  const trend = f.trend.direction === "sideways" ? "sideways" : `${f.trend.direction}trend`;
  const move = `${f.change >= 0 ? "+" : "-"}${formatPriceLike(Math.abs(f.change), f.last_price)}, ${formatPct(f.change_pct)} ${f.change_basis === "day" ? "on the day" : "on the last bar"}`;
  const window = barsPhrase(f.trend_bars, f.timeframe);
  // Strength below the sideways cut-off means no steady direction, whatever the net move: say both, with their windows.
  const verdict =
    f.trend.direction !== "sideways"
      ? `${trend} over the last ${window} (${formatPct(f.trend_change_pct)}, strength ${f.trend.strength.toFixed(2)})`
      : Math.abs(f.trend_change_pct) >= CHOPPY_PCT
        ? `no steady trend over the last ${window}: net ${formatPct(f.trend_change_pct)}, but too choppy to call a trend (strength ${f.trend.strength.toFixed(2)})`
        : `sideways over the last ${window} (${formatPct(f.trend_change_pct)}, strength ${f.trend.strength.toFixed(2)})`;
  let text = `${f.symbol} ${f.timeframe}: last ${formatPrice(f.last_price)} (${move}). Trend: ${verdict}.`;
  if (f.bars > f.trend_bars) text += ` Over all ${barsPhrase(f.bars, f.timeframe)} on the chart: ${formatPct(f.period_change_pct)}, range ${formatPrice(f.period_low)}–${formatPrice(f.period_high)}.`;
  else text += ` Range ${formatPrice(f.period_low)}–${formatPrice(f.period_high)}.`;
  return text;
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
