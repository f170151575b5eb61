import type { TestService } from "./service.js";
import { expectJson } from "./tenants.js";

type Operation = {
  "x-roles"?: string[];
  "x-community"?: "body";
  parameters?: Array<{ in: string; name: string }>;
  requestBody?: {
    required?: boolean;
    content?: { "application/json"?: { example?: unknown; schema?: { example?: unknown } } };
  };
};

/** One operation of the OpenAPI document, with what a probe needs to call it. */
export type Route = {
  method: string;
  path: string;
  roles: string[];
  /** The request example of its JSON body, if it takes one. */
  body: unknown;
  hasBody: boolean;
  /** Names of its query parameters. */
  query: string[];
  /**
   * A compatibility route (Perspective, OpenAI): its community is named in the
   * body, and its errors come in that API's shape, not problem+json.
   */
  compat: boolean;
};

/**
 * Every `/v1` and `/v1alpha1` operation the running service documents in
 * `/openapi.json`: suites that walk the routes read them from there, so a
 * route added later is probed without anyone listing it.
 */
export async function documentedRoutes(svc: Pick<TestService, "get">): Promise<Route[]> {
  const doc = await expectJson<{ paths: Record<string, Record<string, Operation>> }>(svc.get("/openapi.json"), 200);
  return Object.entries(doc.paths)
    .filter(([path]) => path.startsWith("/v1/") || path.startsWith("/v1alpha1/"))
    .flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => {
        const media = op.requestBody?.content?.["application/json"];
        return {
          method: method.toUpperCase(),
          path,
          roles: op["x-roles"] ?? [],
          body: media?.example ?? media?.schema?.example,
          hasBody: op.requestBody !== undefined,
          query: (op.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name),
          compat: op["x-community"] === "body",
        };
      }),
    );
}

/** The `{params}` of an OpenAPI path, e.g. ["community", "id"]. */
export const pathParams = (path: string): string[] => [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);

/**
 * The path with each `{param}` replaced by `value(param, segmentBefore)`,
 * inserted as given (already encoded, or deliberately not).
 */
export function fillPath(path: string, value: (param: string, owner: string) => string): string {
  const segments = path.split("/");
  return segments
    .map((s, i) => {
      const param = /^\{(\w+)\}$/.exec(s)?.[1];
      return param ? value(param, segments[i - 1] as string) : s;
    })
    .join("/");
}
