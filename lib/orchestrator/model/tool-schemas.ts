import { z } from "zod";
import type { FunctionTool } from "openai/resources/responses/responses";
import { TOOLS } from "../tools/registry";
import { TOOL_NAMES } from "../types";

let cached: FunctionTool[] | null = null;

/**
 * The registry as Responses-API function tools. JSON Schemas come from the same zod schemas
 * the arguments are validated with, as input schemas (what the model may send). Not `strict`:
 * strict mode requires every property, and the optional arguments are the point.
 */
export function functionTools(): FunctionTool[] {
  cached ??= TOOL_NAMES.map((name) => {
    const tool = TOOLS[name];
    const { $schema: _ignored, ...parameters } = z.toJSONSchema(tool.args, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
    return { type: "function", name, description: tool.description, parameters, strict: false };
  });
  return cached;
}
