import type { OpenAPIHono } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { matchedRoutes } from "hono/route";
import { MoresError, type Role } from "../../domain/index.js";
import type { AppEnv } from "../app-env.js";
import { rateLimitHeaders } from "../rate-limit-headers.js";
import { routeCommunity } from "../route-community.js";
import { roleRefusal } from "./role-refusal.js";

/** The roles each route declares in its OpenAPI definition (`x-roles`), by "METHOD /hono/:path". */
export type RouteRoles = Map<string, readonly Role[] | "operator">;

/** `x-roles` of every route registered on the app, read from its OpenAPI registry. */
export function routeRoles(app: OpenAPIHono<AppEnv>): RouteRoles {
  const table: RouteRoles = new Map();
  for (const d of app.openAPIRegistry.definitions) {
    if (d.type !== "route") continue;
    const roles = (d.route as { "x-roles"?: readonly (Role | "operator")[] })["x-roles"];
    if (!roles) continue;
    const path = d.route.path.replace(/\{(\w+)\}/g, ":$1");
    table.set(`${d.route.method.toUpperCase()} ${path}`, roles.includes("operator") ? "operator" : (roles as Role[]));
  }
  return table;
}

/**
 * The one access check: every `/v1` request needs a valid key
 * (`Authorization: Bearer …`, else 401); the key must belong to the
 * community in the path and hold a role the route declares (else 403), both
 * decided before any handler can look anything up, so the answer never
 * reveals whether a resource exists. Then the key's rate limit (429). The
 * operator passes everywhere. A route that declares no roles is the
 * operator's alone: forgetting to declare fails closed.
 *
 * @example app.use("/v1/*", authorize(() => table))
 */
export function authorize(table: () => RouteRoles): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const services = c.get("services");
    const caller = await services.auth.authenticate(c.req.header("authorization"));
    if (!caller) {
      c.header("www-authenticate", 'Bearer realm="mores"');
      throw new MoresError("unauthenticated", "send a valid, unrevoked API key as `Authorization: Bearer <key>`");
    }
    const { principal } = caller;
    const route = matchedRoutes(c).at(-1);
    const method = c.req.method === "HEAD" ? "GET" : c.req.method;
    const declared = route ? table().get(`${method} ${route.path}`) : undefined;
    if (principal.kind !== "operator" && route && route.method !== "ALL") {
      const community = routeCommunity(c);
      if (community === undefined || community !== principal.community)
        throw new MoresError("forbidden", "this key belongs to another community");
      if (declared === undefined || declared === "operator" || !declared.includes(principal.role))
        throw new MoresError("forbidden", roleRefusal(principal.role, method, c.req.path, declared));
    }
    if (caller.rateLimit) {
      const taken = await services.limiter.take(principal.keyId, caller.rateLimit);
      for (const [name, value] of Object.entries(rateLimitHeaders(caller.rateLimit, taken))) c.header(name, value);
      if (!taken.ok) {
        c.header("retry-after", String(taken.retryAfterSeconds));
        throw new MoresError("rate_limited", `this key's limit is ${caller.rateLimit.per_second} requests a second`, {
          retry_after: taken.retryAfterSeconds,
        });
      }
    }
    c.set("principal", principal);
    await next();
  };
}

/**
 * What a route declares about access: the roles it admits (admin always, within
 * its community) and the bearer scheme, spread into `createRoute`.
 */
export const access = (...roles: Role[]) => ({
  "x-roles": [...new Set<Role>([...roles, "admin"])],
  security: [{ bearer: [] }],
});

/** Routes only the operator may call: they span communities. */
export const operatorOnly = { "x-roles": ["operator"], security: [{ bearer: [] as string[] }] };
