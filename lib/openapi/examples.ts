/** Examples shown in the OpenAPI document: what a caller configuring the action copies first. */

export const CHART_ACTION_REQUEST_EXAMPLE = {
  query: "draw support and resistance",
  conversation_id: "conv_123",
  chart_context: { symbol: "TSLA", timeframe: "1D", visible_range: { from: 1700000000, to: 1710000000 } },
};

export const CHART_ACTION_RESPONSE_EXAMPLE = {
  success: true,
  text: "TSLA 1D: support at 212.40 (4 touches, last 2026-03-14) and 198.10 (3 touches, last 2026-01-09); resistance at 251.90 (3 touches, last 2026-02-02). Last close 230.15, 8.4% above the nearest support and 9.4% below the nearest resistance. Drew 3 levels on the chart. Watch: a close below 212.40 opens 198.10; a close above 251.90 is a breakout.",
  chart_commands: [
    { type: "horizontal_line", id: "sr-s-212.40", price: 212.4, role: "support", label: "Support 212.40 (4 touches)", strength: 0.8 },
    { type: "horizontal_line", id: "sr-s-198.10", price: 198.1, role: "support", label: "Support 198.10 (3 touches)", strength: 0.55 },
    { type: "horizontal_line", id: "sr-r-251.90", price: 251.9, role: "resistance", label: "Resistance 251.90 (3 touches)", strength: 0.6 },
  ],
  tools_used: ["support_resistance"],
  metadata: {
    symbol: "TSLA",
    timeframe: "1D",
    timestamp: "2026-11-24T10:00:00.000Z",
    engine: "rules",
    data_source: "demo",
    candles: { count: 500, from: 1660000000, to: 1710000000 },
  },
  conversation_id: "conv_123",
};

export const WEBHOOK_REQUEST_EXAMPLE = { message: "draw support and resistance", user_id: "Xq3v9c0fJw2kTt1bq7Zr1A", thread_id: "thr_123" };

export const WEBHOOK_HANDLED_EXAMPLE = {
  handled: true,
  response: "TSLA 1D: support at 212.40 (4 touches, last 2026-03-14); resistance at 251.90 (3 touches, last 2026-02-02).",
  commands: [{ type: "horizontal_line", id: "sr-s-212.40", price: 212.4, role: "support", label: "Support 212.40 (4 touches)", strength: 0.8 }],
  tools_used: ["support_resistance"],
};

export const WEBHOOK_NOT_HANDLED_EXAMPLE = { handled: false, response: null, commands: [], tools_used: [] };

export const ERROR_EXAMPLE = {
  success: false,
  code: "invalid_request",
  error: "chart_context.timeframe: expected one of 1m, 5m, 15m, 30m, 1h, 4h, 1D, 1W, 1M",
  text: "I couldn't read that request (chart_context.timeframe: expected one of 1m, 5m, 15m, 30m, 1h, 4h, 1D, 1W, 1M).",
};
