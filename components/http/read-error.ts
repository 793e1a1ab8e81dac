import { z } from "zod";

/**
 * The error body every non-2xx answer of our server carries (CONTRACT.md, common rules):
 * `{success: false, code, error, text}`. `text` is read as optional so an older or foreign
 * server that sends only `code` and `error` still gets its sentence shown.
 */
const ErrorBodySchema = z.object({ code: z.string(), error: z.string(), text: z.string().optional() });

export interface FailedAnswer {
  status: number;
  /** The contract's code; null when the body was not the contract's (a proxy's page, an empty body). */
  code: string | null;
  /** The contract's `error`, the precise sentence; `fallback` without a contract body. */
  error: string;
  /** What a chat shows: the contract's `text`, else its `error`; `fallback` without a contract body. */
  text: string;
}

/**
 * Reads a failed answer's body once and names the failure. `fallback` is the sentence to use
 * when the body is not the contract's error body. Never throws: a body that cannot be read
 * counts as not the contract's.
 */
export async function readError(res: Response, fallback: string): Promise<FailedAnswer> {
  const body: unknown = await res.json().catch(() => null);
  const parsed = ErrorBodySchema.safeParse(body);
  if (!parsed.success) return { status: res.status, code: null, error: fallback, text: fallback };
  const { code, error, text } = parsed.data;
  return { status: res.status, code, error, text: text || error };
}
