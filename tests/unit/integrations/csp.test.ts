import { buildCsp, CHATKIT_CDN_ORIGIN, securityHeaders } from "@/lib/security/csp";

function directives(csp: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of csp.split(";")) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) out.set(name, values);
  }
  return out;
}

describe("buildCsp", () => {
  it("allows ChatKit's script and frame and nothing else foreign by default", () => {
    const d = directives(buildCsp({ allowedOrigins: [], dev: false }));
    expect(d.get("default-src")).toEqual(["'self'"]);
    expect(d.get("script-src")).toEqual(["'self'", "'unsafe-inline'", CHATKIT_CDN_ORIGIN]);
    expect(d.get("connect-src")).toEqual(["'self'", "https://api.openai.com", CHATKIT_CDN_ORIGIN]);
    expect(d.get("frame-src")).toEqual([CHATKIT_CDN_ORIGIN]);
    expect(d.get("frame-ancestors")).toEqual(["'self'"]);
    expect(d.get("img-src")).toEqual(["'self'", "data:", "blob:"]);
    expect(d.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
    expect(d.get("object-src")).toEqual(["'none'"]);
  });

  it("adds the configured origins to frame-src and frame-ancestors only", () => {
    const d = directives(buildCsp({ allowedOrigins: ["https://chat.example.com", "http://127.0.0.1:3101"], dev: false }));
    expect(d.get("frame-src")).toEqual([CHATKIT_CDN_ORIGIN, "https://chat.example.com", "http://127.0.0.1:3101"]);
    expect(d.get("frame-ancestors")).toEqual(["'self'", "https://chat.example.com", "http://127.0.0.1:3101"]);
    expect(d.get("script-src")).not.toContain("https://chat.example.com");
    expect(d.get("connect-src")).not.toContain("https://chat.example.com");
  });

  it("never lets a malformed or null origin inject a directive", () => {
    const csp = buildCsp({ allowedOrigins: ["null", "https://a.example; script-src *", "*", "https://ok.example"], dev: false });
    const d = directives(csp);
    expect(d.get("frame-src")).toEqual([CHATKIT_CDN_ORIGIN, "https://ok.example"]);
    expect(csp).not.toContain("null");
    expect(csp).not.toContain("*");
    expect([...d.keys()].filter((k) => k === "script-src")).toHaveLength(1);
  });

  it("allows eval only in development", () => {
    expect(directives(buildCsp({ allowedOrigins: [], dev: true })).get("script-src")).toContain("'unsafe-eval'");
    expect(directives(buildCsp({ allowedOrigins: [], dev: false })).get("script-src")).not.toContain("'unsafe-eval'");
  });
});

describe("securityHeaders", () => {
  it("sends nosniff, a referrer policy and X-Frame-Options when no other origin may frame the page", () => {
    const h = securityHeaders({ allowedOrigins: [], dev: false });
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(h["x-frame-options"]).toBe("SAMEORIGIN");
  });

  it("leaves framing to frame-ancestors when other origins are allowed", () => {
    const h = securityHeaders({ allowedOrigins: ["https://chat.example.com"], dev: false });
    expect(h["x-frame-options"]).toBeUndefined();
    expect(h["content-security-policy"]).toContain("frame-ancestors 'self' https://chat.example.com");
  });
});
