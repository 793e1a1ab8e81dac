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

  it("answers HEAD with the GET handler and leaves unknown paths and methods to Next.js", () => {
    expect(apiHandler("/api/health", "HEAD")).toBe(API_ROUTES["/api/health"]!.GET);
    expect(apiHandler("/api/health", "POST")).toBe(API_ROUTES["/api/health"]!.POST);
    expect(apiHandler("/api/nope", "GET")).toBeNull();
    expect(apiHandler("/api/health", "TRACE")).toBeNull();
    expect(apiHandler("/api/constructor", "GET")).toBeNull();
  });
});
