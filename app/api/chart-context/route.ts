import { readBody } from "@/lib/action/input";
import { ChartContextPutSchema } from "@/lib/action/schemas";
import { contextStore } from "@/lib/context-store";
import { defineRoute } from "@/lib/http/route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute(
  "/api/chart-context",
  {
    PUT: async ({ req, session }) => {
      const input = await readBody(req, ChartContextPutSchema);
      await contextStore().put(session.userId, input.chart_context, input.drawings ?? []);
      return new Response(null, { status: 204 });
    },
    GET: async ({ session }) => {
      const stored = await contextStore().get(session.userId);
      return Response.json(stored ?? { chart_context: null, drawings: [], updated_at: null }, { headers: { "cache-control": "no-store" } });
    },
  },
  { access: "cookie" },
);
