export { sma } from "./sma";
export { ema, wilder } from "./ema";
export { rsi } from "./rsi";
export { macd, type MacdResult, type MacdBuffers } from "./macd";
export { bollinger, type BollingerResult, type BollingerBuffers } from "./bollinger";
export { atr } from "./atr";
export { vwap, type VwapOptions } from "./vwap";
