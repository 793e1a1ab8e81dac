import { AppError } from "./errors";
import { NodeRequest, type ApiRequest } from "./request";

export const DEFAULT_BODY_LIMIT = 65_536;

function tooLarge(limit: number): AppError {
  return new AppError("payload_too_large", `request body exceeds ${limit} bytes`);
}

/**
 * Reads the body with the contract's order of checks: size (declared, then while streaming,
 * so a lying content-length cannot slip past), then JSON parse. Schema checks are the caller's.
 */
export async function readJson(req: ApiRequest, limit: number = DEFAULT_BODY_LIMIT): Promise<unknown> {
  const declared = req.headers.get("content-length");
  if (declared !== null && Number(declared) > limit) throw tooLarge(limit);
  const text = await readText(req, limit);
  if (text.trim() === "") throw new AppError("invalid_request", "body: expected a JSON object");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError("invalid_request", "body: malformed JSON");
  }
}

const utf8 = new TextDecoder();

async function readText(req: ApiRequest, limit: number): Promise<string> {
  // The production server has read a small body already (its declared length was checked above).
  if (req instanceof NodeRequest && req.bufferedBody) return utf8.decode(req.bufferedBody);
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const bytes = Buffer.concat(chunks);
  if (req instanceof NodeRequest) req.keepBody(bytes);
  return utf8.decode(bytes);
}
