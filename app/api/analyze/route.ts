import { analyze } from "@/lib/analysis/analyze";
import { ANALYZE_BODY_LIMIT, AnalyzeRequestSchema } from "@/lib/analysis/candles-schema";
import { analysisToCommands } from "@/lib/analysis/commands";
import { ANALYSIS_TOOLS } from "@/lib/analysis/types";
import { readJson } from "@/lib/http/body";
import { defineRoute } from "@/lib/http/route";
import { parseOr400 } from "@/lib/http/zod-error";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute(
  "/api/analyze",
  {
    POST: async ({ req, logFields }) => {
      const input = parseOr400(AnalyzeRequestSchema, await readJson(req, ANALYZE_BODY_LIMIT));
      const tools = input.tools ?? ANALYSIS_TOOLS;
      logFields.candles = input.candles.length;
      logFields.tools = tools.length;
      const result = analyze(input.candles, tools);
      return Response.json({ success: true, ...result, chart_commands: analysisToCommands(result) });
    },
  },
  { access: "public" },
);
