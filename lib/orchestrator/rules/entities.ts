import type { IndicatorName, PatternName } from "@/lib/commands/schema";
import type { CandlestickName } from "@/lib/analysis/types";
import { normalizeSymbol, type Timeframe } from "@/lib/market/values";
import { KNOWN_TICKERS, NAME_TO_SYMBOL, NOT_TICKERS } from "./vocabulary";

/** What a message names, independent of what it asks for. */
export interface Entities {
  /** Symbols in order of first mention, de-duplicated. */
  symbols: string[];
  timeframe: Timeframe | null;
  indicators: IndicatorSpec[];
  patternNames: PatternName[];
  candlestickNames: CandlestickName[];
}

export interface IndicatorSpec {
  name: IndicatorName;
  params: Record<string, number>;
}

/** Lower-case, typographic quotes and dashes folded, runs of spaces collapsed. */
export function normalizeText(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/[\u2018\u2019\u2032]/g, "'")
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/[\u2010-\u2015]/g, "-")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Every name in one alternation, longest first so "nasdaq 100" wins over "nasdaq": one scan per message. */
const NAME_RE = new RegExp(
  `(?<![a-z0-9$])(?:${[...NAME_TO_SYMBOL]
    .map(([name]) => name)
    .sort((a, b) => b.length - a.length)
    .map((name) => escapeRegExp(name).replace(/ /g, "\\s+"))
    .join("|")})(?![a-z0-9])`,
  "g",
);
const SYMBOL_OF_NAME = new Map(NAME_TO_SYMBOL.map(([name, symbol]) => [name, symbol]));

/** Lower case with quotes, dashes and spaces folded one for one, so match positions stay those of `raw`. */
function foldSameLength(raw: string): string {
  return raw
    .replace(/[\u2018\u2019\u2032]/g, "'")
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/[\u2010-\u2015]/g, "-")
    .replace(/\s/g, " ")
    .toLowerCase();
}

const DOLLAR_TICKER = /\$(\^?[A-Za-z0-9][A-Za-z0-9.=-]{0,14})/g;
/** Upper-case ticker-shaped words: TSLA, BRK.B, BTC-USD, EURUSD=X, ^GSPC. */
const CAPS_TICKER = /(?<![A-Za-z0-9$^.=-])(\^?[A-Z][A-Z0-9]{0,5}(?:[.=-][A-Z]{1,4})?)(?![A-Za-z0-9])/g;
const WORD = /[a-z0-9][a-z0-9]*/g;

const MAX_SYMBOL_HITS = 16;

interface SymbolHit {
  at: number;
  end: number;
  symbol: string;
}

/** Indicator or timeframe words glued to digits ("SMA200", "H4") look like tickers but are not. */
function isJargon(token: string): boolean {
  const letters = token.replace(/\d+$/, "");
  return letters !== token && (NOT_TICKERS.has(letters) || /^[HDWM]$/.test(letters));
}

/**
 * Symbols named in the message, in order of mention. Sources by priority: `$TICKER`, names
 * ("tesla", "s&p 500"), known tickers in any casing, then ticker-shaped capitals; a hit that
 * overlaps one of higher priority (or a longer one of equal priority) is dropped.
 */
export function extractSymbols(raw: string): string[] {
  const accepted: SymbolHit[] = [];
  const overlaps = (h: SymbolHit) => accepted.some((a) => h.at < a.end && a.at < h.end);
  const acceptAll = (hits: SymbolHit[]) => {
    hits.sort((a, b) => a.at - b.at || b.end - b.at - (a.end - a.at));
    // A message names a handful of symbols; a flood of ticker-like tokens must not cost quadratic time.
    for (const h of hits.slice(0, MAX_SYMBOL_HITS)) if (!overlaps(h)) accepted.push(h);
  };
  const lower = foldSameLength(raw);

  const dollars: SymbolHit[] = [];
  for (const m of raw.matchAll(DOLLAR_TICKER)) {
    const token = m[1]!.replace(/[.=-]+$/, "");
    const symbol = normalizeSymbol(token);
    if (symbol && !/^\d+$/.test(symbol)) dollars.push({ at: m.index, end: m.index + 1 + token.length, symbol });
  }
  acceptAll(dollars);

  const names: SymbolHit[] = [];
  for (const m of lower.matchAll(NAME_RE)) {
    const symbol = SYMBOL_OF_NAME.get(m[0].replace(/\s+/g, " "));
    if (symbol) names.push({ at: m.index, end: m.index + m[0].length, symbol });
  }
  acceptAll(names);

  const known: SymbolHit[] = [];
  for (const m of lower.matchAll(WORD)) {
    const upper = m[0].toUpperCase();
    if (KNOWN_TICKERS.has(upper)) known.push({ at: m.index, end: m.index + m[0].length, symbol: upper });
  }
  acceptAll(known);

  // Ticker-shaped capitals count only in mixed-case text: in an all-caps message every word is capitals.
  if (/[a-z]/.test(raw)) {
    const caps: SymbolHit[] = [];
    for (const m of raw.matchAll(CAPS_TICKER)) {
      const token = m[1]!;
      if (token.length < 2 || NOT_TICKERS.has(token) || isJargon(token)) continue;
      const symbol = normalizeSymbol(token);
      if (symbol) caps.push({ at: m.index, end: m.index + token.length, symbol });
    }
    acceptAll(caps);
  }

  accepted.sort((a, b) => a.at - b.at);
  return [...new Set(accepted.map((h) => h.symbol))];
}

const MINUTE_TF: Readonly<Record<string, Timeframe>> = { "1": "1m", "5": "5m", "15": "15m", "30": "30m", "60": "1h", "240": "4h" };
const HOUR_TF: Readonly<Record<string, Timeframe>> = { "1": "1h", "4": "4h", one: "1h", an: "1h", four: "4h" };

/** The timeframe a message names ("4 hour", "weekly", "15 min", "1D"); "200 day" is a period, not one. */
export function extractTimeframe(raw: string): Timeframe | null {
  return timeframeIn(raw, normalizeText(raw));
}

/** `extractTimeframe` over a message already normalised (`t` is `normalizeText(raw)`). */
function timeframeIn(raw: string, t: string): Timeframe | null {
  // "1M" in capitals is the contract's month; "1m" is a minute.
  if (/(?<![A-Za-z0-9])1M(?![A-Za-z0-9])/.test(raw)) return "1M";
  let m = t.match(/(?<![a-z0-9.])(1|5|15|30|60|240)\s*-?\s*(?:m|min|mins|minute|minutes)(?![a-z0-9])/);
  if (m) return MINUTE_TF[m[1]!]!;
  m = t.match(/(?<![a-z0-9.])(1|4|one|an|four)\s*-?\s*(?:h|hr|hrs|hour|hours)(?![a-z0-9])/);
  if (m) return HOUR_TF[m[1]!]!;
  if (/(?<![a-z0-9.])(?:1|one)\s*-?\s*(?:d|day)(?![a-z0-9])/.test(t)) return "1D";
  if (/(?<![a-z0-9.])(?:1|one)\s*-?\s*(?:w|wk|week)(?![a-z0-9])/.test(t)) return "1W";
  if (/(?<![a-z0-9.])(?:1|one)\s*-?\s*(?:mo|mon|month)(?![a-z0-9])/.test(t)) return "1M";
  if (/\bhourly\b|\bh1\b/.test(t)) return "1h";
  if (/\bh4\b/.test(t)) return "4h";
  if (/\bdaily\b|\bthe day chart\b|\bday (?:chart|timeframe|candles)\b|\bd1\b/.test(t)) return "1D";
  if (/\bweekly\b|\bweek (?:chart|timeframe|candles)\b/.test(t)) return "1W";
  if (/\bmonthly\b|\bmonth (?:chart|timeframe|candles)\b/.test(t)) return "1M";
  return null;
}

type Token = { kind: "num"; value: number } | { kind: "word"; text: string } | { kind: "ind"; name: IndicatorName };

/** Longest phrases first so "exponential moving average" wins over "moving average". */
const INDICATOR_PHRASES: ReadonlyArray<readonly [string, IndicatorName]> = [
  ["exponential moving averages?", "ema"],
  ["simple moving averages?", "sma"],
  ["moving averages?", "sma"],
  ["relative strength(?: index)?", "rsi"],
  ["bollinger(?: bands?)?", "bollinger"],
  ["(?:emas?|ema\\d+)(?![a-z])", "ema"],
  ["(?:smas?|sma\\d+|mas|ma)(?![a-z])", "sma"],
  ["rsi(?![a-z])", "rsi"],
  ["(?:bbands|bb)(?![a-z])", "bollinger"],
  ["macd(?![a-z])", "macd"],
  ["vwap(?![a-z])", "vwap"],
];
/** One sticky regex per token kind: the tokenizer walks the text once, never slicing it. */
const INDICATOR_TOKEN = new RegExp(INDICATOR_PHRASES.map(([re]) => `(${re})`).join("|"), "y");
const SPACE_TOKEN = /[\s()\-:]+/y;
// "200d", "200day": a period with its unit glued on.
const NUMBER_TOKEN = /(\d+(?:\.\d+)?)(?:d|day|days)?(?![a-z0-9])/y;
const WORD_TOKEN = /[a-z0-9']+|[^\sa-z0-9]/y;

function matchAt(re: RegExp, t: string, i: number): RegExpExecArray | null {
  re.lastIndex = i;
  return re.exec(t);
}

function tokenize(t: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < t.length) {
    const ws = matchAt(SPACE_TOKEN, t, i);
    if (ws) {
      i += ws[0].length;
      continue;
    }
    if (i === 0 || /[^a-z0-9]/.test(t.charAt(i - 1))) {
      const ind = matchAt(INDICATOR_TOKEN, t, i);
      if (ind) {
        const which = ind.findIndex((g, k) => k > 0 && g !== undefined) - 1;
        out.push({ kind: "ind", name: INDICATOR_PHRASES[which]![1] });
        // "sma50", "ema200": the period is glued on.
        const glued = ind[0].match(/(\d+)$/);
        if (glued) out.push({ kind: "num", value: Number(glued[1]) });
        i += ind[0].length;
        continue;
      }
    }
    const num = matchAt(NUMBER_TOKEN, t, i);
    if (num) {
      out.push({ kind: "num", value: Number(num[1]) });
      i += num[0].length;
      continue;
    }
    const word = matchAt(WORD_TOKEN, t, i)!;
    out.push({ kind: "word", text: word[0] });
    i += word[0].length;
  }
  return out;
}

/** Words that may sit between the numbers of one list: "50, 100 and 200-day". */
const LIST_GLUE = new Set([",", "and", "&", "/", "+", "or", "day", "days", "d", "period", "periods", "bar", "bars", "length", "len", "of", "the", "a", "with"]);
const DEFAULT_PERIOD: Readonly<Record<"sma" | "ema" | "rsi", number>> = { sma: 20, ema: 20, rsi: 14 };

function validPeriod(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && n <= 1000;
}

/**
 * Indicators with their periods: "50 and 200 SMA" is two lines, "rsi 14", "macd 12 26 9",
 * "bollinger 20 2.5". Numbers before a name belong to it unless they directly follow another
 * name ("rsi 14 and 50 sma"); a name with none before takes the ones after it.
 */
export function extractIndicators(raw: string): IndicatorSpec[] {
  return indicatorsIn(normalizeText(raw));
}

/** `extractIndicators` over normalised text. */
function indicatorsIn(t: string): IndicatorSpec[] {
  const tokens = tokenize(t);
  const claimed = new Array<boolean>(tokens.length).fill(false);
  const numbers = new Map<number, number[]>();

  const isIndicatorBefore = (k: number): boolean => {
    for (let j = k - 1; j >= 0; j--) {
      const tok = tokens[j]!;
      if (tok.kind === "ind") return true;
      if (tok.kind === "word" && (tok.text === "period" || tok.text === "length" || tok.text === "with")) continue;
      return false;
    }
    return false;
  };

  tokens.forEach((tok, i) => {
    if (tok.kind !== "ind") return;
    const before: number[] = [];
    for (let k = i - 1; k >= 0; k--) {
      const t = tokens[k]!;
      if (t.kind === "num") {
        if (claimed[k] || isIndicatorBefore(k)) break;
        before.unshift(t.value);
        claimed[k] = true;
      } else if (t.kind !== "word" || !LIST_GLUE.has(t.text)) break;
    }
    numbers.set(i, before);
  });
  tokens.forEach((tok, i) => {
    if (tok.kind !== "ind" || numbers.get(i)!.length > 0) return;
    const after: number[] = [];
    for (let k = i + 1; k < tokens.length; k++) {
      const t = tokens[k]!;
      if (t.kind === "num") {
        if (claimed[k]) break;
        after.push(t.value);
        claimed[k] = true;
      } else if (t.kind !== "word" || !LIST_GLUE.has(t.text)) break;
    }
    numbers.set(i, after);
  });

  const out: IndicatorSpec[] = [];
  const seen = new Set<string>();
  const push = (spec: IndicatorSpec) => {
    const key = `${spec.name}:${JSON.stringify(spec.params)}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(spec);
  };
  tokens.forEach((tok, i) => {
    if (tok.kind !== "ind") return;
    const nums = numbers.get(i)!;
    switch (tok.name) {
      case "sma":
      case "ema":
      case "rsi": {
        const periods = nums.filter(validPeriod);
        if (periods.length === 0) periods.push(DEFAULT_PERIOD[tok.name]);
        for (const period of periods) push({ name: tok.name, params: { period } });
        break;
      }
      case "bollinger": {
        const period = nums[0] !== undefined && validPeriod(nums[0]) ? nums[0] : 20;
        const stddev = nums[1] !== undefined && nums[1] > 0 && nums[1] <= 10 ? nums[1] : 2;
        push({ name: "bollinger", params: { period, stddev } });
        break;
      }
      case "macd": {
        const [fast = 12, slow = 26, signal = 9] = nums.filter(validPeriod);
        push({ name: "macd", params: { fast, slow, signal } });
        break;
      }
      case "vwap":
        push({ name: "vwap", params: {} });
        break;
    }
  });
  return out;
}

const PATTERN_PHRASES: ReadonlyArray<readonly [RegExp, PatternName[]]> = [
  [/\b(?:inverse|inverted|reverse) (?:head (?:and|&) shoulders|h ?& ?s|h\/s)\b/, ["inverse_head_and_shoulders"]],
  [/(?<!inverse |inverted |reverse )\b(?:head (?:and|&) shoulders|h ?& ?s|h\/s)\b/, ["head_and_shoulders"]],
  [/\bdouble tops?\b/, ["double_top"]],
  [/\bdouble bottoms?\b/, ["double_bottom"]],
  [/\bascending triangles?\b/, ["ascending_triangle"]],
  [/\bdescending triangles?\b/, ["descending_triangle"]],
  [/\bsymmetric(?:al)? triangles?\b/, ["symmetrical_triangle"]],
  [/(?<!ascending |descending |symmetric |symmetrical )\btriangles?\b/, ["ascending_triangle", "descending_triangle", "symmetrical_triangle"]],
  [/\brising wedges?\b/, ["rising_wedge"]],
  [/\bfalling wedges?\b/, ["falling_wedge"]],
  [/(?<!rising |falling )\bwedges?\b/, ["rising_wedge", "falling_wedge"]],
  [/\bbull(?:ish)? flags?\b/, ["bull_flag"]],
  [/\bbear(?:ish)? flags?\b/, ["bear_flag"]],
  [/(?<!bull |bullish |bear |bearish )\b(?:flags?|pennants?)\b/, ["bull_flag", "bear_flag"]],
  [/\b(?:ascending|rising|upward) channels?\b/, ["ascending_channel"]],
  [/\b(?:descending|falling|downward) channels?\b/, ["descending_channel"]],
  [/\b(?:horizontal|sideways) channels?\b|\brectangles?\b|\btrading ranges?\b/, ["horizontal_channel"]],
  [/(?<!ascending |rising |upward |descending |falling |downward |horizontal |sideways |trend )\bchannels?\b/, ["ascending_channel", "descending_channel", "horizontal_channel"]],
];

const CANDLE_PHRASES: ReadonlyArray<readonly [RegExp, CandlestickName[]]> = [
  [/\bbullish engulfing\b/, ["bullish_engulfing"]],
  [/\bbearish engulfing\b/, ["bearish_engulfing"]],
  [/(?<!bullish |bearish )\bengulfing\b/, ["bullish_engulfing", "bearish_engulfing"]],
  [/\binverted hammers?\b/, ["inverted_hammer"]],
  [/(?<!inverted )\bhammers?\b/, ["hammer"]],
  [/\bshooting stars?\b/, ["shooting_star"]],
  [/\bhanging m[ae]n\b/, ["hanging_man"]],
  [/\bdojis?\b/, ["doji"]],
  [/\bmorning stars?\b/, ["morning_star"]],
  [/\bevening stars?\b/, ["evening_star"]],
  [/\b(?:three|3) white soldiers\b/, ["three_white_soldiers"]],
  [/\b(?:three|3) black crows\b/, ["three_black_crows"]],
  [/\bbullish harami\b/, ["bullish_harami"]],
  [/\bbearish harami\b/, ["bearish_harami"]],
  [/(?<!bullish |bearish )\bharami\b/, ["bullish_harami", "bearish_harami"]],
  [/\bpiercing(?: line| pattern)?\b/, ["piercing_line"]],
  [/\bdark cloud(?: cover)?\b/, ["dark_cloud_cover"]],
];

function namesIn<N extends string>(t: string, table: ReadonlyArray<readonly [RegExp, N[]]>): N[] {
  const out: N[] = [];
  for (const [re, names] of table) if (re.test(t)) for (const n of names) if (!out.includes(n)) out.push(n);
  return out;
}

/**
 * Everything a message names, each read once. `raw` is the message as typed (symbols read its
 * capitals, "1M" is a month); `normalized` is `normalizeText(raw)`; `rest` is the normalised text
 * left for requests (a clearing phrase taken out), where indicators and pattern names are read.
 */
export function extractEntities(message: { raw: string; normalized: string; rest: string }): Entities {
  return {
    symbols: extractSymbols(message.raw),
    timeframe: timeframeIn(message.raw, message.normalized),
    indicators: indicatorsIn(message.rest),
    patternNames: namesIn(message.rest, PATTERN_PHRASES),
    candlestickNames: namesIn(message.rest, CANDLE_PHRASES),
  };
}
