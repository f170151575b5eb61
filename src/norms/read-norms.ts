import type { Services } from "../context.js";
import { MoresError, type Norm } from "../domain/index.js";
import { normHistory } from "./norm-set-store.js";

export type NormView = Norm & { version: number };

/** The norms in force for a community, each with the exact version in force. */
export async function listNorms(ctx: Services, community: string) {
  const set = await ctx.normSets.current(community);
  return {
    community,
    norm_set_version: set.version,
    norms: set.pack.norms.map((n) => ({ ...n, version: set.normVersions.get(n.id) ?? 0 })),
  };
}

/** One norm: the version in force, and every version it has had. */
export async function getNorm(ctx: Services, community: string, id: string) {
  const set = await ctx.normSets.current(community);
  const history = await normHistory(ctx.db, community, id);
  if (history.length === 0) throw new MoresError("norm_not_found", `no norm "${id}" in community "${community}"`);
  const current = set.normVersions.get(id) ?? null;
  return {
    id,
    current_version: current,
    versions: history.map((h) => ({ version: h.version, created_at: h.createdAt.toISOString(), norm: h.body as Norm })),
  };
}
