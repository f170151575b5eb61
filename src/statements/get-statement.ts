import type { Services } from "../context.js";
import { MoresError } from "../domain/index.js";
import { getRuling } from "../rulings/read-rulings.js";
import { appealInvitation } from "./appeal-invitation.js";
import { buildStatement } from "./build-statement.js";

/** The statement of reasons for a ruling, from the exact norm-set version the ruling cites. */
export async function getStatement(ctx: Services, community: string, id: string) {
  const ruling = await getRuling(ctx, community, id);
  const set = await ctx.normSets.version(community, ruling.norm_set_version);
  if (!set) throw new MoresError("internal", `norm set ${ruling.norm_set_version} of ${community} is missing`);
  const norms = new Map(set.pack.norms.map((n) => [n.id, n]));
  return buildStatement(ruling, norms, appealInvitation(ruling, ctx.clock()));
}
