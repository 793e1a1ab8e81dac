import { defineRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/**
 * The cookie user's id (the contract's "Users" id), for the page and for wiring a server-side
 * agent (MCP, webhook) to this browser; the httpOnly cookie itself stays unreadable to scripts.
 */
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute(
  "/api/session",
  { GET: ({ session }) => Response.json({ user_id: session.userId }, { headers: { "cache-control": "no-store" } }) },
  { access: "cookie" },
);
