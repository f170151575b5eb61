import type { MiddlewareHandler } from "hono";
import { requireCommunity } from "../../communities/require-community.js";
import type { AppEnv } from "../app-env.js";
import { routeCommunity } from "../route-community.js";

/**
 * 404 for an unknown `{community}` on every route that has one, after access
 * is checked (so the answer to an outsider never says whether it exists) and
 * before any handler runs: verbs can assume their community exists.
 *
 * @example app.use("/v1/communities/:community/*", communityGuard())
 */
export function communityGuard(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const community = routeCommunity(c);
    if (community !== undefined) await requireCommunity(c.get("services"), community);
    await next();
  };
}
