import { hostedSessionConfig, mintClientSecret, SessionRequestSchema } from "@/lib/chatkit-hosted/session";
import { serverEnv } from "@/lib/config/env";
import { readJson } from "@/lib/http/body";
import { AppError } from "@/lib/http/errors";
import { isOriginAllowed } from "@/lib/http/origin";
import { defineRoute } from "@/lib/http/route";
import { parseOr400 } from "@/lib/http/zod-error";

export const dynamic = "force-dynamic";

/** Hosted Agent Builder workflows (until 2026-11-30): a fresh client secret for the cookie user. */
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute(
  "/api/chatkit/session",
  {
    POST: async ({ req, session, logFields }) => {
      if (!isOriginAllowed(req)) throw new AppError("forbidden", "origin not allowed");
      parseOr400(SessionRequestSchema, await readJson(req));
      const config = hostedSessionConfig(serverEnv());
      if (!config) {
        throw new AppError("not_configured", "hosted ChatKit needs OPENAI_API_KEY and CHATKIT_WORKFLOW_ID", {
          text: "The hosted chat workflow isn't configured on this server.",
        });
      }
      logFields.user_id = session.userId;
      const secret = await mintClientSecret(config, session.userId);
      return Response.json({ client_secret: secret.client_secret, expires_at: secret.expires_at }, { headers: { "cache-control": "no-store" } });
    },
  },
  { access: "cookie" },
);
