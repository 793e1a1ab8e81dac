import { requestOrigin } from "@/lib/http/origin";
import { defineRoute } from "@/lib/http/route";
import { openApiDocument } from "@/lib/openapi/document";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute(
  "/api/chatkit/openapi.json",
  {
    // requestOrigin: PUBLIC_BASE_URL, else the origin the caller used (x-forwarded-proto/host honoured).
    GET: async ({ req }) => Response.json(openApiDocument(requestOrigin(req))),
  },
  { access: "public" },
);
