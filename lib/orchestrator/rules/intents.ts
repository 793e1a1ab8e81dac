import type { ClearScope } from "@/lib/commands/schema";
import { LruCache } from "@/lib/cache/lru";
import { extractEntities, normalizeText, type Entities } from "./entities";

/** What a message asks for; a message may ask for several ("load NVDA and draw trendlines"). */
export const CHART_INTENTS = [
  "chart_info",
  "clear",
  "load_symbol",
  "set_timeframe",
  "trend",
  "levels",
  "trendlines",
  "fibonacci",
  "patterns",
  "candlesticks",
  "indicators",
  "full_analysis",
] as const;
export type ChartIntent = (typeof CHART_INTENTS)[number];

export type SmallTalk = "greeting" | "thanks" | "help" | "farewell";
export type LevelRole = "both" | "support" | "resistance";

export interface ParsedMessage {
  /** Chart intents in a fixed execution order; empty when the message is not about the chart. */
  intents: ChartIntent[];
  smallTalk: SmallTalk | null;
  levelRole: LevelRole;
  /** "zones", "supply and demand": the levels are drawn as price bands too. */
  levelZones: boolean;
  clearScope: ClearScope;
  entities: Entities;
}

/** Intents that read candles and so need a symbol. */
export const ANALYSIS_INTENTS: ReadonlySet<ChartIntent> = new Set(["trend", "levels", "trendlines", "fibonacci", "patterns", "candlesticks", "indicators", "full_analysis"]);

const RE = {
  chartInfo: [
    /\bwhat(?:'s| is)? (?:the )?(?:chart|symbol|ticker|stock|timeframe|time frame|instrument)\b(?: (?:is|are|am|do|have))?(?: (?:i|we|you))? ?(?:loaded|open|opened|showing|shown|displayed|on screen|up|this|looking at|viewing|seeing|on|using|currently|right now|now)\b/,
    /\bwhat (?:am i|are we|are you) (?:looking at|viewing|watching|seeing|on)\b/,
    /\bwhich (?:chart|symbol|ticker|stock|timeframe|time frame)\b(?! should| would| to| do you recommend)/,
    /\bwhat(?:'s| is) (?:loaded|on (?:the|my) (?:chart|screen))\b/,
    /\bcurrent (?:chart|symbol|ticker|timeframe|time frame)\b/,
    /\bwhat chart\b/,
    /\bchart context\b/,
  ],
  /** A clearing verb and everything it clears, so the rest of the message is read on its own. */
  clear: [
    /\b(?:clear|erase|wipe|remove|delete|reset|hide)(?: out| off| up)?(?: (?:all|everything|the|my|it|chart|screen|drawings?|lines?|levels?|trend ?lines?|indicators?|patterns?|annotations?|markers?|studies|overlays?|of|from|off|out|on|this|these|those|current|sma|ema|rsi|macd|vwap|bollinger|bands|moving|averages?|fib(?:onacci|s)?|support|resistance|zones?))+\b/,
    /^(?:please )?(?:clear|reset|erase|wipe|clean up|start over|start fresh)(?: it| please| now| the chart)?[.!]*$/,
    /\b(?:start over|start fresh|clean slate|clean up the chart|get rid of (?:all|the|my|everything)(?: (?:drawings?|lines?|indicators?|patterns?))?)\b/,
  ],
  loadVerb: /\b(?:load|open|show(?: me)?|pull up|switch(?: over)? to|change (?:the )?(?:symbol|ticker|chart|stock) to|change to|go to|bring up|display|look at|view|put up|take me to|chart)\b/,
  timeframeVerb: /\b(?:switch|change|set|go|move|use|show|zoom|flip|timeframe|time frame|interval|candles|chart)\b/,
  levelsBoth: /\bsupport (?:and|&|\/|or|n) resistance\b|\bresistance (?:and|&|\/|or) support\b|\bs ?\/ ?r\b|\bs ?& ?r\b|\bsr levels?\b|\blevels?\b|\bsupply (?:and|&|\/) demand\b|\bdemand (?:and|&|\/) supply\b|\b(?:price |key |sr |s\/r )?zones\b|\bpivots?(?: points?)?\b|\bfloors? and ceilings?\b|\bwhere (?:to|should i) (?:buy|sell|enter|get in)\b/,
  supplyDemand: /\bsupply (?:and|&|\/) demand\b|\bdemand (?:and|&|\/) supply\b/,
  zones: /\bzones?\b|\bareas?\b/,
  support: /\bsupports?\b|\bfloors?\b|\bdemand zones?\b|\bdemand areas?\b|\bwhere (?:is|are) the (?:bottom|lows?)\b/,
  resistance: /\bresistances?\b|\bceilings?\b|\bsupply zones?\b|\bsupply areas?\b/,
  /** Level words that describe something else: trendline roles, fib levels. */
  notLevels: /\b(?:support|resistance)(?: (?:and|&) (?:support|resistance))? trend ?lines?\b|\btrend ?lines? (?:of |for |as )?(?:support|resistance)\b|\b(?:fib|fibs|fibonacci|retracement) levels?\b|\blevels? (?:of|for) (?:the )?(?:fib|fibonacci|retracement)\b|\boverbought\b|\boversold\b/g,
  trendlines: /\btrend ?lines?\b|\btrend channels?\b|\bdraw (?:the |a )?trend\b|\bdiagonal (?:support|resistance|lines?)\b/,
  patternWord: /(?<!candle |candles |candlestick |candlesticks )\b(?:chart )?patterns?\b|\bformations?\b|\bsetups?\b/,
  candleWord: /\bcandlesticks?\b|\bcandle ?(?:patterns?|signals?|formations?)\b|\bjapanese candles?\b|\breversal candles?\b/,
  fibonacci: /\bfib(?:onacci|s)?\b|\bretracements?\b|\bgolden (?:ratio|pocket)\b/,
  trend: /\btrend(?:ing|s)?\b(?! ?lines?| channels?)|\bbullish\b|\bbearish\b|\bdirection\b|\bmomentum\b|\b(?:up|down) ?trend\b|\bhow(?:'s| is| are| has)\b.*\b(?:doing|looking|trading|performing|done|moving)\b|\b(?:current|last|latest) (?:price|close)\b|\bprice (?:of|for|now|today)\b|\bwhat(?:'s| is) .*\b(?:price|trading at)\b|\bquote\b|\bsummary\b|\boverview\b|\bup or down\b|\bchange today\b|\bis .* (?:a )?(?:buy|sell)\b|\bgood (?:buy|entry)\b|\bperformance\b|\bmarket summary\b/,
  full: /\banaly[sz](?:e|is|ing)\b|\btechnicals?\b|\btechnical (?:view|read|picture)\b|\boutlook\b|\bbreak(?: it)? ?down\b|\bwhat do you (?:see|think)\b|\bthoughts on\b|\bfull (?:picture|read|review|analysis)\b|\bdeep dive\b|\breview\b|\bread on\b|\bta\b|\bopinion on\b/,
  greeting: /^(?:hi|hello|hey|yo|howdy|hiya|sup|good (?:morning|afternoon|evening)|greetings)\b/,
  thanks: /^(?:thanks?|thank you|thx|ty|cheers|much appreciated|appreciate it|great|awesome|nice|cool|perfect|ok|okay|got it)\b/,
  farewell: /^(?:bye|goodbye|see you|later|good night|cya)\b/,
  help: /\bhelp\b|\bwhat can you do\b|\bwho are you\b|\bwhat are you\b|\bhow do(?:es)? (?:this|you|it) work\b|\bcommands\b/,
};

/** Candle names, so "doji patterns" asks for candlesticks only. */
const CANDLE_NAME_WORDS =
  /\b(?:(?:bullish |bearish )?(?:engulfing|harami)|(?:inverted )?hammers?|shooting stars?|hanging m[ae]n|dojis?|morning stars?|evening stars?|(?:three|3) (?:white soldiers|black crows)|piercing(?: line)?|dark cloud(?: cover)?)\b(?: (?:candle ?)?patterns?)?/g;

function clearScopeOf(t: string): ClearScope {
  if (/\bindicators?\b|\bstudies\b|\boverlays?\b|\bmoving averages?\b|\b(?:sma|ema|rsi|macd|vwap|bollinger)\b/.test(t)) return "indicators";
  if (/\bpatterns?\b|\bmarkers?\b|\bcandles?(?:ticks?)?\b/.test(t)) return "patterns";
  if (/\blines?\b|\blevels?\b|\btrend ?lines?\b|\bsupport\b|\bresistance\b|\bfib(?:onacci|s)?\b|\bzones?\b/.test(t) && !/\bdrawings?\b|\beverything\b|\ball\b/.test(t)) return "lines";
  return "all";
}

/** True when, after removing every word that asked for something, little but a ticker is left. */
function isBareSymbol(t: string): boolean {
  const rest = t
    .replace(/\$?[a-z0-9^][a-z0-9.=^&/-]*/g, (w) => (/^(?:chart|please|pls|now|the|on|in|timeframe|candles|view|what about|and|how about|about)$/.test(w) ? "" : "x"))
    .replace(/[^x]/g, "");
  return rest.length <= 4;
}

/**
 * Parses of recent messages. Chat traffic repeats itself (the start screen's suggested prompts,
 * "draw support and resistance" from every trader), and a parse is a pure function of the text:
 * the rules engine's answer to a repeated question then skips the regex work, which is most of
 * its own cost. Results are frozen, so no caller can change what the next one reads.
 */
const PARSE_CACHE_TEXT_MAX = 300;
const parses = new LruCache<ParsedMessage>(512);

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Deterministic intent and entity parsing: typing, casing and punctuation do not matter. */
export function parseMessage(raw: string): ParsedMessage {
  if (raw.length > PARSE_CACHE_TEXT_MAX) return parseUncached(raw);
  const hit = parses.get(raw);
  if (hit) return hit;
  const parsed = deepFreeze(parseUncached(raw));
  parses.set(raw, parsed);
  return parsed;
}

function parseUncached(raw: string): ParsedMessage {
  const full = normalizeText(raw);
  const found = new Set<ChartIntent>();

  // "clear everything and draw trendlines": the clearing phrase is set aside, the rest read as usual.
  let clearPhrase: string | null = null;
  for (const re of RE.clear) {
    const m = full.match(re);
    if (m) {
      clearPhrase = m[0];
      break;
    }
  }
  const t = clearPhrase ? full.replace(clearPhrase, " ").replace(/\s+/g, " ").trim() : full;
  if (clearPhrase) found.add("clear");
  const e = extractEntities({ raw, normalized: full, rest: t });
  if (RE.chartInfo.some((re) => re.test(t))) found.add("chart_info");

  const levelText = t.replace(RE.notLevels, " ");
  const both = RE.levelsBoth.test(levelText);
  const sup = RE.support.test(levelText);
  const res = RE.resistance.test(levelText);
  // "support levels" is support only; "levels" or "support and resistance" is both.
  const pair = RE.supplyDemand.test(levelText);
  const levelRole: LevelRole = pair ? "both" : sup && !res ? "support" : res && !sup ? "resistance" : "both";
  const levelZones = pair || RE.zones.test(levelText);
  if (both || sup || res) found.add("levels");

  if (RE.trendlines.test(t)) found.add("trendlines");
  if (RE.fibonacci.test(t)) found.add("fibonacci");
  if (e.candlestickNames.length > 0 || RE.candleWord.test(t)) found.add("candlesticks");
  const patternText = t.replace(CANDLE_NAME_WORDS, " ");
  if (e.patternNames.length > 0 || RE.patternWord.test(patternText)) found.add("patterns");
  if (e.indicators.length > 0) found.add("indicators");

  // Pattern and candle names carry "bullish"/"bearish"; those words then do not ask for the trend.
  const trendText = t.replace(/\bbull(?:ish)? flags?\b|\bbear(?:ish)? flags?\b|\b(?:bullish|bearish) (?:engulfing|harami)\b/g, " ");
  const specific = [...found].some((i) => ANALYSIS_INTENTS.has(i));
  if (RE.full.test(t) && !specific) found.add("full_analysis");
  else if (RE.trend.test(trendText)) found.add("trend");

  const hasSymbol = e.symbols.length > 0;
  const analysing = [...found].some((i) => ANALYSIS_INTENTS.has(i));
  if (hasSymbol && !analysing && !found.has("chart_info") && (RE.loadVerb.test(t) || isBareSymbol(t))) found.add("load_symbol");
  if (e.timeframe && !analysing && !found.has("load_symbol") && !found.has("chart_info") && (RE.timeframeVerb.test(t) || isBareSymbol(t))) {
    found.add("set_timeframe");
  }

  const intents = CHART_INTENTS.filter((i) => found.has(i));
  let smallTalk: SmallTalk | null = null;
  if (intents.length === 0) {
    if (RE.help.test(t)) smallTalk = "help";
    else if (RE.greeting.test(t)) smallTalk = "greeting";
    else if (RE.thanks.test(t)) smallTalk = "thanks";
    else if (RE.farewell.test(t)) smallTalk = "farewell";
  }
  return { intents, smallTalk, levelRole, levelZones, clearScope: clearScopeOf(clearPhrase ?? ""), entities: e };
}
