import { eq } from "drizzle-orm";
import type { Services } from "../context.js";
import { communities } from "../db/schema/index.js";
import { MoresError } from "../domain/index.js";

/**
 * The one community guard: 404 `community_not_found` for a community that
 * does not exist, at the cost of one primary-key lookup the first time a
 * process sees a community and a set lookup after that (communities are never
 * deleted). It compiles no norm set, so reading keys or the audit log stays cheap.
 * Undefined when the process already knows the community, else the lookup to wait for.
 */
export function requireCommunity(ctx: Services, community: string): Promise<void> | undefined {
  // Known: nothing to wait on, so a caller on every request's path (the community guard) need not wait either.
  if (ctx.knownCommunities.has(community)) return undefined;
  return lookUp(ctx, community);
}

async function lookUp(ctx: Services, community: string): Promise<void> {
  const [row] = await ctx.db.select({ id: communities.id }).from(communities).where(eq(communities.id, community));
  if (!row) throw new MoresError("community_not_found", `no community "${community}"`);
  ctx.knownCommunities.add(community);
}
