import { readdirSync } from "node:fs";
import path from "node:path";
import { API_ROUTES, apiHandler } from "@/server/api-routes";

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return routeFiles(full);
    return e.name === "route.ts" ? [full] : [];
  });
}

describe("production server route table", () => {
  it("serves every app/api route itself, so no API request reaches a second copy of the app's state", () => {
    const onDisk = routeFiles(path.resolve("app/api"))
      .map((f) => "/" + path.relative(path.resolve("app"), path.dirname(f)).split(path.sep).join("/"))
      .sort();
    expect(Object.keys(API_ROUTES).sort()).toEqual(onDisk);
  });

  it("answers HEAD with the GET handler, and unknown paths and methods itself with the contract's 404 and 405", async () => {
    expect(apiHandler("/api/health", "HEAD")).toBe(API_ROUTES["/api/health"]!.GET);
    expect(apiHandler("/api/health", "POST")).toBe(API_ROUTES["/api/health"]!.POST);

    for (const path of ["/api/nope", "/api/constructor", "/api/chat%6Bit", "/api/health/../mcp", "/api"]) {
      const res = (await apiHandler(path, "GET")(new Request(`http://localhost${path}`))) as Response;
      expect({ path, status: res.status, code: ((await res.json()) as { code: string }).code }).toEqual({ path, status: 404, code: "not_found" });
    }
    const trace = (await apiHandler("/api/health", "PROPFIND")(new Request("http://localhost/api/health"))) as Response;
    expect(trace.status).toBe(405);
    expect(trace.headers.get("allow")).toBe("GET");
    expect(((await trace.json()) as { error: string }).error).toContain("PROPFIND is not allowed on /api/health");
  });
});
