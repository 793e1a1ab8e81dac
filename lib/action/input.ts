import type { z } from "zod";
import { AppError } from "@/lib/http/errors";
import { readJson } from "@/lib/http/body";
import type { ApiRequest } from "@/lib/http/request";
import { parseOr400 } from "@/lib/http/zod-error";

/** Size, JSON, then schema, as the contract orders the checks; the body must be a JSON object. */
export async function readBody<S extends z.ZodType>(req: ApiRequest, schema: S): Promise<z.output<S>> {
  const json = await readJson(req);
  if (typeof json !== "object" || json === null || Array.isArray(json)) throw new AppError("invalid_request", "body: expected a JSON object");
  return parseOr400(schema, json);
}
