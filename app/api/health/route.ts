import { healthReport } from "@/lib/health";
import { defineRoute } from "@/lib/http/route";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute(
  "/api/health",
  { GET: () => Response.json(healthReport(), { headers: { "cache-control": "no-store" } }) },
  // Load balancers and the test runner poll it: never limited.
  { access: "public", rateLimited: false },
);
