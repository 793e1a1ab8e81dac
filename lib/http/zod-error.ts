import type { z } from "zod";
import { AppError } from "./errors";

/** `candles[17].high`, `chart_context.timeframe`: the field path in the contract's notation. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

/** The first issue, as "<path>: <message>"; the contract asks for the field first. */
export function describeZodError(error: z.ZodError, prefix: readonly PropertyKey[] = []): string {
  const issue = error.issues[0];
  if (!issue) return "invalid request";
  const path = formatPath([...prefix, ...issue.path]);
  let message = issue.message;
  if (issue.code === "invalid_type" && /received undefined/.test(message)) message = "required";
  return path ? `${path}: ${message}` : message;
}

export function invalidRequest(error: z.ZodError, prefix: readonly PropertyKey[] = []): AppError {
  // An issue with the whole request (an array or a string where an object belongs) still names a field: `body`.
  const atRoot = prefix.length === 0 && (error.issues[0]?.path.length ?? 0) === 0;
  const detail = describeZodError(error, atRoot ? ["body"] : prefix);
  return new AppError("invalid_request", detail, { text: `I couldn't read that request (${detail}).` });
}

/** safeParse that throws the contract's 400 naming the field. */
export function parseOr400<S extends z.ZodType>(schema: S, input: unknown, prefix: readonly PropertyKey[] = []): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw invalidRequest(parsed.error, prefix);
  return parsed.data;
}
