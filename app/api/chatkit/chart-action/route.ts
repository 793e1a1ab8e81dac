import { chartAction } from "@/lib/action/chart-action";
import { readBody } from "@/lib/action/input";
import { ChartActionRequestSchema } from "@/lib/action/schemas";
import { defineRoute } from "@/lib/http/route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute(
  "/api/chatkit/chart-action",
  {
    POST: async ({ req, logFields }) => {
      const input = await readBody(req, ChartActionRequestSchema);
      if (input.conversation_id) logFields.conversation_id = input.conversation_id;
      const out = await chartAction(input, { signal: req.signal });
      logFields.engine = out.metadata.engine;
      logFields.tools = out.tools_used;
      return Response.json(out);
    },
  },
  { access: "server" },
);
