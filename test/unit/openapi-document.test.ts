import { describe, expect, it } from "vitest";
import { currentDocument } from "../../src/cli/openapi.js";

type Operation = { operationId?: string; security?: unknown[]; "x-roles"?: string[] };

/** What a client generator relies on, for every route, including routes added later (Redocly lints the rest). */
describe("the OpenAPI document", () => {
  const doc = currentDocument();
  const operations = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    Object.entries(item as Record<string, Operation>).map(([method, op]) => ({ path, method, op })),
  );

  it("names every operation once, in camelCase starting with a verb", () => {
    const ids = operations.map(({ op }) => op.operationId);
    expect(operations.filter(({ op }) => !/^[a-z]+[A-Z][A-Za-z0-9]*$/.test(op.operationId ?? ""))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("needs the bearer key everywhere but on the open routes, which say so", () => {
    expect(doc.security).toEqual([{ bearer: [] }]);
    const open = operations.filter(({ op }) => op.security?.length === 0).map(({ path }) => path);
    expect(open.sort()).toEqual(["/docs", "/health", "/openapi.json", "/ready"]);
    // Everything else is a /v1 route (or Perspective's /v1alpha1), checked by the authorize middleware against
    // its declared roles.
    for (const { path, op } of operations.filter(({ op }) => op.security?.length !== 0)) {
      expect(/^\/v1(alpha1)?\//.test(path), path).toBe(true);
      expect(op["x-roles"]?.length, path).toBeGreaterThan(0);
    }
  });

  it("tells a generated client where to send requests", () => {
    expect(doc.servers?.map((s) => s.url)).toEqual(["/", "http://127.0.0.1:8787"]);
  });
});
