import type { CalendarKind } from "./sessions";

export type AssetClass = "equity" | "etf" | "index" | "crypto" | "fx" | "future";

const ETFS = new Set(["SPY", "QQQ", "IWM", "DIA", "VOO", "VTI", "GLD", "SLV", "TLT", "XLF", "XLK", "XLE", "ARKK", "SMH", "HYG", "EEM"]);
const CRYPTO_QUOTES = /-(USD|USDT|USDC|EUR|GBP|JPY|BTC|ETH)$/;

/** The asset class a Yahoo-style ticker denotes, from its shape (`^` index, `=X` forex, `=F` future, `-USD` crypto). */
export function assetClassOf(symbol: string): AssetClass {
  if (symbol.startsWith("^")) return "index";
  if (symbol.endsWith("=X")) return "fx";
  if (symbol.endsWith("=F")) return "future";
  if (CRYPTO_QUOTES.test(symbol)) return "crypto";
  if (ETFS.has(symbol)) return "etf";
  return "equity";
}

/** Futures trade nearly round the clock on weekdays, so they share the forex week. */
export function calendarKindOf(assetClass: AssetClass): CalendarKind {
  switch (assetClass) {
    case "crypto":
      return "crypto_24x7";
    case "fx":
    case "future":
      return "fx_24x5";
    default:
      return "us_equity";
  }
}
