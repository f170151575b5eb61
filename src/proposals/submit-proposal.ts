import { recordAudit } from "../audit/record-audit.js";
import type { Services } from "../context.js";
import { proposals } from "../db/schema/index.js";
import type { Principal, ProposalInput } from "../domain/index.js";
import { newId } from "../lib/ids.js";
import { buildProposalReport } from "./proposal-report.js";
import { loadProposal, type ProposalView, proposalView } from "./proposal-view.js";
import { proposedFiles } from "./proposed-files.js";

/**
 * An editor's proposal: the change becomes a whole proposed pack, which is
 * validated (refused with every problem located if invalid), tested against
 * every norm's examples and replayed against recent rulings — all before the
 * proposal and its audit event are stored, together.
 */
export async function submitProposal(
  ctx: Services,
  community: string,
  input: ProposalInput,
  actor: Principal,
): Promise<ProposalView> {
  const inForce = await ctx.normSets.current(community);
  const { pack, report } = await buildProposalReport(ctx, inForce, proposedFiles(inForce.pack, input.change));
  const now = ctx.clock();
  const id = newId("prp", now.getTime());
  await ctx.db.transaction(async (tx) => {
    await tx.insert(proposals).values({
      id,
      communityId: community,
      baseVersion: inForce.version,
      kind: input.change.kind,
      title: input.title,
      description: input.description ?? null,
      pack,
      report,
      adoptable: report.adoptable,
      createdBy: actor.keyId,
      createdAt: now,
    });
    await recordAudit(tx, {
      community,
      action: "proposal.submitted",
      actor,
      target: id,
      detail: {
        title: input.title,
        kind: input.change.kind,
        base_version: inForce.version,
        adoptable: report.adoptable,
        changes: report.changes,
      },
      at: now,
    });
  });
  return proposalView(ctx.db, await loadProposal(ctx.db, community, id), now);
}
