import type { OpenAPIHono } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { matchedRoutes } from "hono/route";
import { MoresError } from "../../domain/index.js";
import type { AppEnv } from "../app-env.js";
import { honoPath } from "../hono-path.js";

/** The query parameters each route declares in its OpenAPI definition, by "METHOD /hono/:path". */
export type RouteQueries = Map<string, ReadonlySet<string>>;

/** Declared query parameter names of every route registered on the app (none declared: none accepted). */
export function routeQueries(app: OpenAPIHono<AppEnv>): RouteQueries {
  const table: RouteQueries = new Map();
  for (const d of app.openAPIRegistry.definitions) {
    if (d.type !== "route") continue;
    const query = d.route.request?.query as { shape?: Record<string, unknown> } | undefined;
    const path = honoPath(d.route.path);
    table.set(`${d.route.method.toUpperCase()} ${path}`, new Set(Object.keys(query?.shape ?? {})));
  }
  return table;
}

/**
 * Refuses a query parameter the route does not declare (400
 * `invalid_request`, naming it and what the route takes), on every route at
 * once: `?content_id=` on a route without it must not silently answer as if
 * it had been applied. Routes outside the OpenAPI document (the docs page) pass.
 *
 * @example app.use("*", knownQuery(() => table))
 */
export function knownQuery(table: () => RouteQueries): MiddlewareHandler<AppEnv> {
  // Not an async function (see well-formed.ts); a throw here is compose's to catch, as a rejection would be.
  return (c, next) => {
    const url = c.req.url;
    const q = url.indexOf("?");
    if (q < 0 || q === url.length - 1) return next();
    const route = matchedRoutes(c).at(-1);
    const method = c.req.method === "HEAD" ? "GET" : c.req.method;
    const declared = route ? table().get(`${method} ${route.path}`) : undefined;
    if (!declared) return next();
    const unknown = [...new URL(url).searchParams.keys()].filter((k) => !declared.has(k));
    if (unknown.length === 0) return next();
    const names = [...new Set(unknown)];
    throw new MoresError(
      "invalid_request",
      `unknown query parameter${names.length > 1 ? "s" : ""} ${names.map((n) => `"${n}"`).join(", ")}; this route takes ${declared.size ? [...declared].join(", ") : "none"}`,
      {
        issues: names.map((n) => ({
          path: n,
          code: "unrecognized_keys",
          message: `"${n}" is not a parameter of this route`,
        })),
      },
    );
  };
}
