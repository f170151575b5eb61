import { asc, eq, max } from "drizzle-orm";
import type { Services } from "../context.js";
import { communities, normSets } from "../db/schema/index.js";
import { type CommunitySettings, communitySettingsSchema, MoresError } from "../domain/index.js";

export type CommunityView = {
  id: string;
  name: string;
  settings: CommunitySettings;
  norm_set_version: number;
  created_at: string;
};

const select = (ctx: Services) =>
  ctx.db
    .select({
      id: communities.id,
      name: communities.name,
      settings: communities.settings,
      createdAt: communities.createdAt,
      version: max(normSets.version),
    })
    .from(communities)
    .leftJoin(normSets, eq(normSets.communityId, communities.id))
    .groupBy(communities.id);

type Row = Awaited<ReturnType<typeof select>>[number];

const view = (r: Row): CommunityView => ({
  id: r.id,
  name: r.name,
  settings: communitySettingsSchema.parse(r.settings ?? {}),
  norm_set_version: r.version ?? 0,
  created_at: r.createdAt.toISOString(),
});

export async function getCommunity(ctx: Services, id: string): Promise<CommunityView> {
  const [row] = await select(ctx).where(eq(communities.id, id));
  if (!row) throw new MoresError("community_not_found", `no community "${id}"`);
  return view(row);
}

/** Every community: only the operator sees across communities. */
export async function listCommunities(ctx: Services): Promise<{ data: CommunityView[] }> {
  return { data: (await select(ctx).orderBy(asc(communities.id))).map(view) };
}
