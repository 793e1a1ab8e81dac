import { NextResponse, type NextRequest } from "next/server";
import { allowedOrigins } from "@/lib/config/env";
import { requestOrigin } from "@/lib/http/origin";
import { securityHeaders } from "@/lib/security/csp";
import { isValidSid, newSid, SESSION_COOKIE, sessionCookieHeader } from "@/lib/users/session";

/**
 * Page requests: issue the `sid` cookie on the first visit (API routes issue their own) and set
 * the CSP and frame headers from the run-time environment.
 */
export function proxy(request: NextRequest): NextResponse {
  const existing = request.cookies.get(SESSION_COOKIE)?.value;
  const headers = securityHeaders({ allowedOrigins: allowedOrigins(), dev: process.env.NODE_ENV === "development" });

  let response: NextResponse;
  if (isValidSid(existing)) {
    response = NextResponse.next();
  } else {
    const sid = newSid();
    // The page's own server render sees the cookie it is about to receive, so it and the
    // browser agree on the user from the first response.
    const forwarded = new Headers(request.headers);
    const others = (request.headers.get("cookie") ?? "")
      .split(";")
      .map((c) => c.trim())
      .filter((c) => c && !c.startsWith(`${SESSION_COOKIE}=`));
    forwarded.set("cookie", [...others, `${SESSION_COOKIE}=${sid}`].join("; "));
    response = NextResponse.next({ request: { headers: forwarded } });
    // The same rule as the API routes' cookies: PUBLIC_BASE_URL, else the proxy's forwarded scheme.
    response.headers.append("set-cookie", sessionCookieHeader(sid, requestOrigin(request).startsWith("https:")));
  }
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Pages only: API routes issue cookies themselves, static assets need neither.
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico|robots.txt).*)"],
};
