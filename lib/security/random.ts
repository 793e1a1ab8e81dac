import "server-only";
import { randomFillSync } from "node:crypto";

/**
 * Random bytes from the CSPRNG, drawn 4 KiB at a time: a session id or a thread id is 8-16
 * bytes, and one `randomBytes` call per id costs more than the id's whole request handling
 * otherwise would. Node's own `randomUUID` buffers the same way. Bytes are handed out once.
 */
const POOL_BYTES = 4096;
const pool = Buffer.allocUnsafe(POOL_BYTES);
let offset = POOL_BYTES;

function take(n: number): number {
  if (n > POOL_BYTES) throw new RangeError(`at most ${POOL_BYTES} random bytes at a time`);
  if (offset + n > POOL_BYTES) {
    randomFillSync(pool);
    offset = 0;
  }
  const at = offset;
  offset += n;
  return at;
}

export function randomHex(bytes: number): string {
  const at = take(bytes);
  return pool.toString("hex", at, at + bytes);
}

export function randomBase64url(bytes: number): string {
  const at = take(bytes);
  return pool.toString("base64url", at, at + bytes);
}
