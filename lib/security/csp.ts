/**
 * The page's Content-Security-Policy and companion headers, built per request from the
 * run-time allowed origins so one build serves every deployment.
 */

/** Where ChatKit's web component loads its script and renders its frame from. */
export const CHATKIT_CDN_ORIGIN = "https://cdn.platform.openai.com";
/** Hosted workflow mode: ChatKit's frame and script talk to OpenAI directly. */
export const OPENAI_API_ORIGIN = "https://api.openai.com";

export interface CspOptions {
  /** Exact origins from CHATKIT_ORIGINS (a deployer's chat frame). */
  allowedOrigins: readonly string[];
  /** Next's dev server evaluates code at run time. */
  dev: boolean;
}

const ORIGIN = /^https?:\/\/[^\s/;,'"]+$/;

/** Only exact origins reach the policy; anything else could widen or break it. */
function sanitize(origins: readonly string[]): string[] {
  const out = new Set<string>();
  for (const o of origins) if (o !== "null" && ORIGIN.test(o)) out.add(o);
  return [...out];
}

export function buildCsp({ allowedOrigins, dev }: CspOptions): string {
  const extra = sanitize(allowedOrigins);
  const directives: [string, string[]][] = [
    ["default-src", ["'self'"]],
    // Next's App Router bootstraps with inline scripts; nonces would make every page dynamic.
    ["script-src", ["'self'", "'unsafe-inline'", ...(dev ? ["'unsafe-eval'"] : []), CHATKIT_CDN_ORIGIN]],
    ["connect-src", ["'self'", OPENAI_API_ORIGIN, CHATKIT_CDN_ORIGIN]],
    ["frame-src", [CHATKIT_CDN_ORIGIN, ...extra]],
    ["frame-ancestors", ["'self'", ...extra]],
    ["img-src", ["'self'", "data:", "blob:"]],
    ["style-src", ["'self'", "'unsafe-inline'"]],
    ["font-src", ["'self'", "data:"]],
    ["object-src", ["'none'"]],
    ["base-uri", ["'self'"]],
    ["form-action", ["'self'"]],
  ];
  return directives.map(([name, values]) => `${name} ${values.join(" ")}`).join("; ");
}

/** Headers every page response carries. */
export function securityHeaders(opts: CspOptions): Record<string, string> {
  const headers: Record<string, string> = {
    "content-security-policy": buildCsp(opts),
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
  };
  // X-Frame-Options cannot name other origins: send it only when frame-ancestors says 'self' alone,
  // for browsers that predate frame-ancestors.
  if (sanitize(opts.allowedOrigins).length === 0) headers["x-frame-options"] = "SAMEORIGIN";
  return headers;
}
