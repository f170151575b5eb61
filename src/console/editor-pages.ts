import type { Hono } from "hono";
import type { RouteRoles } from "../http/middleware/authorize.js";
import type { ConsoleEnv } from "./console-env.js";
import { registerNormPages } from "./norm-pages.js";
import { registerProposalPages } from "./proposal-pages.js";

/** What a norm editor works with: the norms in force and proposals to change them. */
export function registerEditorPages(app: Hono<ConsoleEnv>, roles: () => RouteRoles) {
  registerNormPages(app, roles);
  registerProposalPages(app, roles);
}
