import { assetClassOf, calendarKindOf, type AssetClass } from "../asset-class";
import type { CalendarKind } from "../sessions";
import { hashInts, hashString, unitOf } from "./random";

/** What the demo market needs to know about a symbol to look like it. */
export interface SymbolProfile {
  symbol: string;
  assetClass: AssetClass;
  calendar: CalendarKind;
  /** Band the price stays in, in quote currency. */
  low: number;
  high: number;
  /** Typical daily log-return standard deviation. */
  dailyVol: number;
  /** Typical volume of one session (shares, contracts, or quote currency for crypto). */
  sessionVolume: number;
  /** Decimal places prices are quoted with. */
  decimals: number;
  seed: number;
}

type Known = [low: number, high: number, dailyVol: number, sessionVolume: number];

/** Price bands of recent years (2024-2026), daily volatility and volume. */
const KNOWN: Readonly<Record<string, Known>> = {
  TSLA: [180, 480, 0.035, 100e6],
  NVDA: [95, 210, 0.03, 250e6],
  AAPL: [165, 290, 0.016, 55e6],
  MSFT: [350, 560, 0.015, 22e6],
  AMZN: [160, 260, 0.02, 45e6],
  GOOGL: [140, 320, 0.018, 30e6],
  GOOG: [142, 322, 0.018, 22e6],
  META: [450, 800, 0.022, 15e6],
  AMD: [80, 260, 0.032, 50e6],
  NFLX: [85, 135, 0.022, 40e6],
  INTC: [18, 45, 0.03, 80e6],
  JPM: [180, 330, 0.014, 9e6],
  "BRK.B": [400, 540, 0.01, 4e6],
  "BRK-B": [400, 540, 0.01, 4e6],
  PLTR: [25, 200, 0.045, 70e6],
  COIN: [150, 420, 0.045, 10e6],
  SPY: [480, 700, 0.01, 70e6],
  QQQ: [400, 640, 0.012, 45e6],
  IWM: [180, 260, 0.013, 30e6],
  DIA: [380, 500, 0.009, 4e6],
  "^GSPC": [5000, 7000, 0.009, 4e9],
  "^DJI": [37000, 49000, 0.008, 4e8],
  "^IXIC": [15000, 24000, 0.012, 7e9],
  "^NDX": [17000, 26000, 0.012, 4e9],
  "^RUT": [1800, 2600, 0.013, 3e9],
  "^VIX": [11, 40, 0.06, 0],
  "BTC-USD": [60000, 120000, 0.03, 3e10],
  "ETH-USD": [1600, 4800, 0.04, 1.5e10],
  "SOL-USD": [90, 260, 0.05, 3e9],
  "XRP-USD": [0.45, 3.4, 0.05, 3e9],
  "DOGE-USD": [0.08, 0.45, 0.055, 1.5e9],
  "EURUSD=X": [1.02, 1.2, 0.005, 0],
  "GBPUSD=X": [1.22, 1.38, 0.005, 0],
  "USDJPY=X": [140, 160, 0.006, 0],
  "AUDUSD=X": [0.62, 0.7, 0.006, 0],
  "USDCAD=X": [1.33, 1.45, 0.004, 0],
  "USDCHF=X": [0.78, 0.92, 0.005, 0],
  "GC=F": [2300, 4200, 0.01, 2e5],
  "SI=F": [28, 55, 0.02, 6e4],
  "CL=F": [55, 85, 0.022, 3e5],
  "ES=F": [5000, 7000, 0.009, 1.5e6],
  "NQ=F": [17000, 26000, 0.012, 6e5],
};

/** Forex trades no central volume; the demo shows a tick count so volume panes have something to show. */
const FX_TICKS_PER_SESSION = 200_000;

/** A deterministic draw in [lo, hi) for one symbol and purpose, log-uniform when asked. */
function draw(seed: number, purpose: number, lo: number, hi: number, log = false): number {
  const u = unitOf(hashInts(seed, purpose, 0x7a11));
  return log ? Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * u) : lo + (hi - lo) * u;
}

function inventedBand(symbol: string, cls: AssetClass, seed: number): Known {
  switch (cls) {
    case "crypto": {
      const mid = draw(seed, 1, 0.05, 800, true);
      return [mid / 1.8, mid * 1.8, draw(seed, 2, 0.04, 0.07), draw(seed, 3, 2e7, 2e9, true)];
    }
    case "fx": {
      // Pairs quoted against the yen trade in the hundreds; the rest near one.
      const mid = /JPY/.test(symbol) ? draw(seed, 1, 90, 200) : draw(seed, 1, 0.55, 1.9);
      return [mid / 1.08, mid * 1.08, draw(seed, 2, 0.004, 0.008), 0];
    }
    case "future": {
      const mid = draw(seed, 1, 20, 3000, true);
      return [mid / 1.35, mid * 1.35, draw(seed, 2, 0.012, 0.025), draw(seed, 3, 2e4, 5e5, true)];
    }
    case "index": {
      const mid = draw(seed, 1, 800, 30000, true);
      return [mid / 1.2, mid * 1.2, draw(seed, 2, 0.008, 0.014), draw(seed, 3, 5e8, 5e9, true)];
    }
    case "etf": {
      const mid = draw(seed, 1, 20, 500, true);
      return [mid / 1.3, mid * 1.3, draw(seed, 2, 0.009, 0.016), draw(seed, 3, 2e6, 5e7, true)];
    }
    case "equity": {
      const mid = draw(seed, 1, 8, 400, true);
      return [mid / 1.6, mid * 1.6, draw(seed, 2, 0.015, 0.04), draw(seed, 3, 1e6, 6e7, true)];
    }
  }
}

function decimalsFor(cls: AssetClass, low: number): number {
  if (cls === "fx") return low >= 20 ? 3 : 5;
  if (low >= 1) return 2;
  if (low >= 0.01) return 4;
  return 6;
}

const profiles = new Map<string, SymbolProfile>();

/** Known tickers get their real range; any other valid ticker gets a stable invented one. */
export function symbolProfile(symbol: string): SymbolProfile {
  const hit = profiles.get(symbol);
  if (hit) return hit;
  const seed = hashString(symbol);
  const assetClass = assetClassOf(symbol);
  const [low, high, dailyVol, volume] = KNOWN[symbol] ?? inventedBand(symbol, assetClass, seed);
  const profile: SymbolProfile = {
    symbol,
    assetClass,
    calendar: calendarKindOf(assetClass),
    low,
    high,
    dailyVol,
    sessionVolume: assetClass === "fx" ? FX_TICKS_PER_SESSION : volume,
    decimals: decimalsFor(assetClass, low),
    seed,
  };
  if (profiles.size > 10_000) profiles.clear();
  profiles.set(symbol, profile);
  return profile;
}
