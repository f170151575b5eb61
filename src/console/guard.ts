import type { MiddlewareHandler } from "hono";
import { MoresError } from "../domain/index.js";
import type { RouteRoles } from "../http/middleware/authorize.js";
import { roleRefusal } from "../http/middleware/role-refusal.js";
import type { ConsoleEnv } from "./console-env.js";
import { principalOf, readSession } from "./session.js";

/**
 * Every console page acts as one API route and admits exactly the roles that
 * route declares in its `x-roles` (read from the app's OpenAPI registry, the
 * table the API's own authorize() uses), so the console can never show or do
 * more than the same key could through the API. No session: to sign-in.
 *
 * @example console.get("/queue", acts("GET /v1/communities/:community/reviews"), handler)
 */
export function acts(roles: () => RouteRoles, route: string): MiddlewareHandler<ConsoleEnv> {
  return async (c, next) => {
    const session = await readSession(c, c.get("services"));
    if (!session) {
      if (c.req.method === "GET") return c.redirect(`/console/sign-in?next=${encodeURIComponent(c.req.path)}`, 303);
      throw new MoresError("unauthenticated", "your session has ended: sign in again");
    }
    c.set("session", session);
    c.set("principal", principalOf(session));
    const declared = roles().get(route)?.roles;
    if (!declared) throw new Error(`console page acts as ${route}, which the API does not declare`);
    if (declared === "operator" || !declared.includes(session.role)) {
      const [method = "GET", template = ""] = route.split(" ");
      const path = template.replace(":community", session.community);
      throw new MoresError("forbidden", roleRefusal(session.role, method, path, declared));
    }
    await next();
  };
}

/** Whether the signed-in role may act as `route`: what decides which links and buttons a page shows. */
export function may(roles: RouteRoles, role: string, route: string): boolean {
  const declared = roles.get(route)?.roles;
  return Array.isArray(declared) && (declared as readonly string[]).includes(role);
}
