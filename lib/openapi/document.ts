import { z } from "zod";
import {
  ChartActionRequestSchema,
  ChartActionResponseSchema,
  ErrorBodySchema,
  WebhookRequestSchema,
  WebhookResponseSchema,
} from "@/lib/action/schemas";
import pkg from "@/package.json";
import {
  CHART_ACTION_REQUEST_EXAMPLE,
  CHART_ACTION_RESPONSE_EXAMPLE,
  ERROR_EXAMPLE,
  WEBHOOK_HANDLED_EXAMPLE,
  WEBHOOK_NOT_HANDLED_EXAMPLE,
  WEBHOOK_REQUEST_EXAMPLE,
} from "./examples";

type JsonObject = Record<string, unknown>;

/** Input-mode JSON Schema (no additionalProperties: false: unknown fields are ignored) without `$schema`. */
function schemaOf(schema: z.ZodType, examples: unknown[]): JsonObject {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonObject;
  return { ...rest, examples };
}

const errorContent = { "application/json": { schema: { $ref: "#/components/schemas/Error" }, example: ERROR_EXAMPLE } };

const ERROR_RESPONSES = {
  "400": { description: "Malformed JSON or a schema violation; `error` names the field.", content: errorContent },
  "401": {
    description: "Missing or wrong bearer token (when CHART_ACTION_SECRET is set).",
    headers: { "www-authenticate": { schema: { type: "string" } } },
    content: errorContent,
  },
  "413": { description: "Body over 65,536 bytes.", content: errorContent },
  "429": {
    description: "Rate limited.",
    headers: { "retry-after": { schema: { type: "integer" }, description: "Seconds until the window resets." } },
    content: errorContent,
  },
} as const;

let components: JsonObject | null = null;

function buildComponents(): JsonObject {
  components ??= {
    schemas: {
      ChartActionRequest: schemaOf(ChartActionRequestSchema, [CHART_ACTION_REQUEST_EXAMPLE]),
      ChartActionResponse: schemaOf(ChartActionResponseSchema, [CHART_ACTION_RESPONSE_EXAMPLE]),
      WebhookRequest: schemaOf(WebhookRequestSchema, [WEBHOOK_REQUEST_EXAMPLE]),
      WebhookResponse: schemaOf(WebhookResponseSchema, [WEBHOOK_HANDLED_EXAMPLE, WEBHOOK_NOT_HANDLED_EXAMPLE]),
      Error: schemaOf(ErrorBodySchema, [ERROR_EXAMPLE]),
    },
    securitySchemes: {
      bearerAuth: { type: "http", scheme: "bearer", description: "The server's CHART_ACTION_SECRET." },
    },
  };
  return components;
}

/** OpenAPI 3.1 for the chart action and the webhook, addressed to `serverUrl`. */
export function openApiDocument(serverUrl: string): JsonObject {
  return {
    openapi: "3.1.0",
    info: {
      title: "Chart assistant actions",
      version: pkg.version,
      description:
        "Ask the chart assistant a question about a chart and get text plus chart commands (lines, zones, trendlines, patterns, indicators) to draw. Commands apply in array order.",
    },
    servers: [{ url: serverUrl }],
    security: [{ bearerAuth: [] }],
    paths: {
      "/api/chatkit/chart-action": {
        post: {
          operationId: "chart_control",
          summary: "Answer a chart question and return chart commands",
          description:
            "Runs the chart agent on `query` with the chart on screen (`chart_context`). Without a context and without a ticker in the query, the answer asks which symbol to analyse. A query naming another symbol starts its commands with `load_symbol`.",
          requestBody: {
            required: true,
            content: { "application/json": { schema: { $ref: "#/components/schemas/ChartActionRequest" }, example: CHART_ACTION_REQUEST_EXAMPLE } },
          },
          responses: {
            "200": {
              description: "The answer: text plus the commands to apply in order.",
              content: { "application/json": { schema: { $ref: "#/components/schemas/ChartActionResponse" }, example: CHART_ACTION_RESPONSE_EXAMPLE } },
            },
            ...ERROR_RESPONSES,
          },
        },
      },
      "/api/chatkit/webhook": {
        post: {
          operationId: "chatkit_webhook",
          summary: "Handle a chat message if it is about the chart",
          description:
            "Chart messages are answered (with the user's stored chart context when none is given) and their commands pushed to the user's open page: `handled: true`. Anything else: `handled: false`, for the caller to answer.",
          requestBody: {
            required: true,
            content: { "application/json": { schema: { $ref: "#/components/schemas/WebhookRequest" }, example: WEBHOOK_REQUEST_EXAMPLE } },
          },
          responses: {
            "200": {
              description: "Handled or not.",
              content: {
                "application/json": {
                  schema: { $ref: "#/components/schemas/WebhookResponse" },
                  examples: { handled: { value: WEBHOOK_HANDLED_EXAMPLE }, not_handled: { value: WEBHOOK_NOT_HANDLED_EXAMPLE } },
                },
              },
            },
            ...ERROR_RESPONSES,
          },
        },
      },
    },
    components: buildComponents(),
  };
}
