/** The contract's error codes and the one error type every route maps to a response. */
export const ERROR_STATUS = {
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  unknown_symbol: 404,
  method_not_allowed: 405,
  payload_too_large: 413,
  rate_limited: 429,
  internal: 500,
  upstream_unavailable: 502,
  upstream_timeout: 504,
  not_configured: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** `upstream_timeout` is our name for the contract's 504 `upstream_unavailable`. */
const WIRE_CODE: Partial<Record<ErrorCode, string>> = { upstream_timeout: "upstream_unavailable" };

const DEFAULT_CHAT_TEXT: Record<ErrorCode, string> = {
  invalid_request: "I couldn't read that request.",
  unauthorized: "This request needs a valid API token.",
  forbidden: "This request isn't allowed from here.",
  not_found: "I couldn't find that.",
  unknown_symbol: "I don't know that symbol.",
  method_not_allowed: "That method isn't supported here.",
  payload_too_large: "That request is too large.",
  rate_limited: "Too many requests; please wait a moment and try again.",
  internal: "Something went wrong on our side; please try again.",
  upstream_unavailable: "The data service is unavailable right now; please try again shortly.",
  upstream_timeout: "The data service took too long to answer; please try again shortly.",
  not_configured: "This feature isn't configured on this server.",
};

export interface ErrorBody {
  success: false;
  code: string;
  error: string;
  text: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly text: string;
  readonly headers: Record<string, string>;

  constructor(code: ErrorCode, message: string, opts: { text?: string; headers?: Record<string, string> } = {}) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.text = opts.text ?? DEFAULT_CHAT_TEXT[code];
    this.headers = opts.headers ?? {};
  }

  body(): ErrorBody {
    return { success: false, code: WIRE_CODE[this.code] ?? this.code, error: this.message, text: this.text };
  }

  toResponse(extraHeaders: Record<string, string> = {}): Response {
    const headers: Record<string, string> = { ...this.headers, ...extraHeaders };
    if (this.code === "unauthorized") headers["www-authenticate"] ??= "Bearer";
    return Response.json(this.body(), { status: this.status, headers });
  }
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}
