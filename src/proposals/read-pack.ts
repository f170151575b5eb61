import type { Services } from "../context.js";
import { MoresError } from "../domain/index.js";
import { canonicalFiles } from "./proposed-files.js";

/**
 * A norm-set version as the files of a pack folder (the version in force by
 * default): what `mores norms pull` writes, so a community can keep its norms
 * in git and send changes back with `mores norms push`.
 */
export async function readPackFiles(ctx: Services, community: string, version?: number) {
  const current = await ctx.normSets.current(community);
  const set = version === undefined ? current : await ctx.normSets.version(community, version);
  if (!set) throw new MoresError("norm_not_found", `community "${community}" has no norm-set version ${version}`);
  return {
    community,
    version: set.version,
    in_force: set.version === current.version,
    files: canonicalFiles(set.pack),
  };
}
