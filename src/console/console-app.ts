import type { OpenAPIHono } from "@hono/zod-openapi";
import { Hono } from "hono";
import { MoresError } from "../domain/index.js";
import type { AppEnv } from "../http/app-env.js";
import { STATUS } from "../http/errors.js";
import { type RouteRoles, routeRoles } from "../http/middleware/authorize.js";
import { errorFields } from "../lib/error-fields.js";
import { registerAppealPages } from "./appeal-pages.js";
import { CSS, KEYS_JS } from "./assets.js";
import type { ConsoleEnv } from "./console-env.js";
import { sameOrigin } from "./csrf.js";
import { registerEditorPages } from "./editor-pages.js";
import { errorPage } from "./error-page.js";
import { registerReviewPages } from "./review-pages.js";
import { registerSignInPages } from "./sign-in-pages.js";
import { registerTransparencyPage } from "./transparency-page.js";

/**
 * The console: server-rendered pages (Hono JSX) at /console, on the same app
 * and services as the API, on Node and Workers alike (no node: imports, no
 * file system: its CSS and script are strings served from here).
 *
 * @example app.route("/console", createConsole(app))
 */
export function createConsole(api: OpenAPIHono<AppEnv>): Hono<ConsoleEnv> {
  let table: RouteRoles | undefined;
  const roles = () => (table ??= routeRoles(api));
  const app = new Hono<ConsoleEnv>();
  app.use("*", async (c, next) => {
    await next();
    c.header("x-frame-options", "DENY");
    c.header("referrer-policy", "same-origin");
    c.header("content-security-policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'");
  });
  app.use("*", sameOrigin());
  app.get("/assets/console.css", (c) => c.body(CSS, 200, { "content-type": "text/css; charset=utf-8" }));
  app.get("/assets/keys.js", (c) => c.body(KEYS_JS, 200, { "content-type": "text/javascript; charset=utf-8" }));
  registerSignInPages(app, roles);
  registerReviewPages(app, roles);
  registerAppealPages(app, roles);
  registerEditorPages(app, roles);
  registerTransparencyPage(app, roles);
  app.notFound((c) => errorPage(c, roles, new MoresError("route_not_found", "there is no such console page"), 404));
  app.onError((err, c) => {
    if (err instanceof MoresError) return errorPage(c, roles, err, STATUS[err.code]);
    c.get("services")?.logger.error("console error", { path: c.req.path, ...errorFields(err) });
    return errorPage(c, roles, new MoresError("internal", "an unexpected error occurred; it has been logged"), 500);
  });
  return app;
}
