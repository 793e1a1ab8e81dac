import { readBody } from "@/lib/action/input";
import { WebhookRequestSchema } from "@/lib/action/schemas";
import { handleWebhook } from "@/lib/action/webhook";
import { defineRoute } from "@/lib/http/route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute(
  "/api/chatkit/webhook",
  {
    POST: async ({ req, logFields }) => {
      const input = await readBody(req, WebhookRequestSchema);
      if (input.thread_id) logFields.thread_id = input.thread_id;
      const out = await handleWebhook(input, { signal: req.signal });
      logFields.handled = out.handled;
      return Response.json(out);
    },
  },
  { access: "server" },
);
