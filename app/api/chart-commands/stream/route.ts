import { subscribeUser } from "@/lib/command-bus/bus";
import { commandEventStream } from "@/lib/command-bus/sse";
import { SSE_HEADERS } from "@/lib/http/sse";
import { defineRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** Commands produced for this cookie user by the webhook, MCP or the chart action with `user_id`. */
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute(
  "/api/chart-commands/stream",
  {
    GET: async ({ req, session, logFields }) => {
      logFields.user_id = session.userId;
      const body = await commandEventStream({ subscribe: (listener) => subscribeUser(session.userId, listener), signal: req.signal });
      return new Response(body, { headers: SSE_HEADERS });
    },
  },
  { access: "cookie" },
);
