import { NextRequest } from "next/server";
import { proxy } from "@/proxy";
import { restoreTestEnv, setTestEnv } from "@/tests/support/test-env";

afterEach(restoreTestEnv);

function firstVisit(url: string, headers: Record<string, string> = {}): string {
  const res = proxy(new NextRequest(url, { headers }));
  return res.headers.get("set-cookie") ?? "";
}

describe("page proxy: the session cookie of a first visit", () => {
  it("is Secure when the public address is https, even though the app itself is reached over http", () => {
    setTestEnv({ PUBLIC_BASE_URL: "https://charts.example.com", DATA_DIR: "/tmp/proxy-test" });
    expect(firstVisit("http://10.0.0.5:3000/")).toMatch(/^sid=[\w-]+;.*Secure/);
  });

  it("follows the proxy's forwarded scheme without a public address, and is not Secure on plain http", () => {
    setTestEnv({ DATA_DIR: "/tmp/proxy-test" });
    expect(firstVisit("http://10.0.0.5:3000/", { "x-forwarded-proto": "https" })).toContain("Secure");
    expect(firstVisit("http://localhost:3000/")).not.toContain("Secure");
  });

  it("is not issued again to a visitor who has one", () => {
    setTestEnv({ DATA_DIR: "/tmp/proxy-test" });
    const cookie = firstVisit("http://localhost:3000/").split(";")[0]!;
    expect(firstVisit("http://localhost:3000/", { cookie })).toBe("");
  });
});
