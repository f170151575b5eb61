import type { MiddlewareHandler } from "hono";
import { requireCommunity } from "../../communities/require-community.js";
import { slugSchema } from "../../domain/index.js";
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
  return (c, next) => {
    const community = routeCommunity(c);
    // A malformed id is the route's 400 (its parameter schema says why), not an unknown community.
    if (community === undefined || !slugSchema.safeParse(community).success) return next();
    // A community this process has seen needs no promise to wait on (nearly every request).
    const lookup = requireCommunity(c.get("services"), community);
    return lookup ? lookup.then(next) : next();
  };
}
