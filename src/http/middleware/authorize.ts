import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler } from "hono";
import { matchedRoutes } from "hono/route";
import { MoresError, type Role } from "../../domain/index.js";
import type { AppEnv } from "../app-env.js";
import { honoPath } from "../hono-path.js";
import { rateLimitHeaders } from "../rate-limit-headers.js";
import { routeCommunity } from "../route-community.js";
import { roleRefusal } from "./role-refusal.js";

/**
 * What each route declares in its OpenAPI definition, by "METHOD /hono/:path":
 * its roles (`x-roles`); whether its community is named in the body rather
 * than the path (`x-community: body`, the compatibility routes, which check it
 * themselves); and whether it spends the key's own bucket or the check bucket.
 */
export type RouteAccess = { roles: readonly Role[] | "operator"; community: "path" | "body"; bucket: "key" | "check" };
export type RouteRoles = Map<string, RouteAccess>;

type Declared = { "x-roles"?: readonly (Role | "operator")[]; "x-community"?: "body"; "x-rate-limit"?: "check" };

/** `x-roles` of every route registered on the app, read from its OpenAPI registry. */
export function routeRoles(app: OpenAPIHono<AppEnv>): RouteRoles {
  const table: RouteRoles = new Map();
  for (const d of app.openAPIRegistry.definitions) {
    if (d.type !== "route") continue;
    const declared = d.route as Declared;
    const roles = declared["x-roles"];
    if (!roles) continue;
    const path = honoPath(d.route.path);
    table.set(`${d.route.method.toUpperCase()} ${path}`, {
      roles: roles.includes("operator") ? "operator" : (roles as Role[]),
      community: declared["x-community"] ?? "path",
      bucket: declared["x-rate-limit"] ?? "key",
    });
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
    const caller = await services.auth.authenticate(presentedKey(c));
    if (!caller) {
      c.header("www-authenticate", 'Bearer realm="mores"');
      throw new MoresError("unauthenticated", "send a valid, unrevoked API key as `Authorization: Bearer <key>`");
    }
    const { principal } = caller;
    const route = matchedRoutes(c).at(-1);
    const method = c.req.method === "HEAD" ? "GET" : c.req.method;
    const declared = route ? table().get(`${method} ${route.path}`) : undefined;
    if (principal.kind !== "operator" && route && route.method !== "ALL") {
      // A route that names its community in the body checks it against the key itself (src/http/shim-community.ts).
      const community = declared?.community === "body" ? principal.community : routeCommunity(c);
      if (community === undefined || community !== principal.community)
        throw new MoresError("forbidden", "this key belongs to another community");
      const roles = declared?.roles;
      if (roles === undefined || roles === "operator" || !roles.includes(principal.role))
        throw new MoresError("forbidden", roleRefusal(principal.role, method, c.req.path, roles));
    }
    const check = declared?.bucket === "check" && principal.kind !== "operator";
    const limit = check ? services.checkLimit : caller.rateLimit;
    if (limit) {
      const taken = await services.limiter.take(check ? `${principal.keyId}:check` : principal.keyId, limit);
      for (const [name, value] of Object.entries(rateLimitHeaders(limit, taken))) c.header(name, value);
      if (!taken.ok) {
        c.header("retry-after", String(taken.retryAfterSeconds));
        const what = check ? "limit on checks" : "limit";
        throw new MoresError("rate_limited", `this key's ${what} is ${limit.per_second} requests a second`, {
          retry_after: taken.retryAfterSeconds,
        });
      }
    }
    c.set("principal", principal);
    return next(); // returned, not awaited: this frame ends here instead of being held until the answer
  };
}

/**
 * The key a request presents: `Authorization: Bearer …`, or on the
 * Perspective-compatible routes Google's `?key=` (what its clients send).
 */
function presentedKey(c: Context<AppEnv>): string | undefined {
  const header = c.req.header("authorization");
  if (header !== undefined || c.get("dialect") !== "google") return header;
  const key = c.req.query("key");
  return key ? `Bearer ${key}` : undefined;
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
