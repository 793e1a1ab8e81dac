/** Bars a candles request returns when it names no limit, and the most it may ask for. */
export const DEFAULT_CANDLE_LIMIT = 500;
export const MAX_CANDLE_LIMIT = 5000;
