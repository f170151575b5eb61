import { eq, max } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit.js";
import type { Services } from "../context.js";
import type { Transaction } from "../db/client.js";
import { normSets } from "../db/schema/index.js";
import { isUniqueViolation } from "../db/unique-violation.js";
import { MoresError, type NormPack, type Principal } from "../domain/index.js";
import { writeNormSetVersion } from "../norms/norm-set-store.js";
import { loadProposal, type ProposalView, proposalView, statusOf } from "./proposal-view.js";

type Loaded = Awaited<ReturnType<typeof loadProposal>>;

function assertOpen(p: Loaded): void {
  const status = statusOf(p.events);
  if (status !== "open") throw new MoresError("proposal_closed", `proposal ${p.row.id} is ${status}`);
}

/**
 * Adopts inside the caller's transaction: the proposal must pass its
 * examples and have been made against the version still in force; the next
 * immutable norm-set version is written with its provenance, and the audit
 * event says which version it became.
 */
async function adoptIn(tx: Transaction, p: Loaded, actor: Principal, now: Date): Promise<number> {
  if (!p.row.adoptable)
    throw new MoresError("proposal_not_adoptable", "the proposal fails its norms' examples: see report.blocking", {
      blocking: (p.row.report as { blocking: string[] }).blocking,
    });
  const [head] = await tx
    .select({ version: max(normSets.version) })
    .from(normSets)
    .where(eq(normSets.communityId, p.row.communityId));
  if (head?.version !== p.row.baseVersion)
    throw new MoresError(
      "proposal_stale",
      `proposal was made against version ${p.row.baseVersion}; version ${head?.version} is in force now: propose again`,
    );
  const approvers = p.events.filter((e) => e.action === "proposal.approved").map((e) => e.actorKey);
  const version = await writeNormSetVersion(tx, p.row.communityId, p.row.pack as NormPack, {
    createdBy: actor.keyId,
    process: `proposal ${p.row.id} "${p.row.title}": proposed by ${p.row.createdBy}${approvers.length ? `, approved by ${approvers.join(", ")}` : ""}, adopted by ${actor.keyId}`,
  });
  await recordAudit(tx, {
    community: p.row.communityId,
    action: "proposal.adopted",
    actor,
    target: p.row.id,
    detail: { version, base_version: p.row.baseVersion },
    at: now,
  });
  return version;
}

/** Runs one decision on a proposal in a transaction; a concurrent adoption shows up as a stale proposal. */
async function decide(
  ctx: Services,
  community: string,
  id: string,
  step: (tx: Transaction, p: Loaded, now: Date) => Promise<void>,
): Promise<ProposalView> {
  const now = ctx.clock();
  try {
    await ctx.db.transaction(async (tx) => step(tx, await loadProposal(tx, community, id), now));
  } catch (e) {
    if (isUniqueViolation(e))
      throw new MoresError("proposal_stale", "another proposal was adopted at the same moment: propose again");
    throw e;
  }
  ctx.normSets.invalidate(community);
  ctx.shadows.invalidate(community);
  return proposalView(ctx.db, await loadProposal(ctx.db, community, id), ctx.clock());
}

/** An admin (or the operator) adopts. */
export const adoptProposal = (ctx: Services, community: string, id: string, actor: Principal) =>
  decide(ctx, community, id, async (tx, p, now) => {
    assertOpen(p);
    await adoptIn(tx, p, actor, now);
  });

/**
 * An editor (not the proposer) approves. Under the community's
 * `second_editor` rule that approval adopts the proposal at once.
 */
export async function approveProposal(ctx: Services, community: string, id: string, actor: Principal) {
  // Read before the transaction: PGlite has one connection, which the transaction holds.
  const { settings } = await ctx.normSets.current(community);
  return decide(ctx, community, id, async (tx, p, now) => {
    assertOpen(p);
    if (p.row.createdBy === actor.keyId)
      throw new MoresError("proposal_self_approval", "the proposer's own approval does not count: ask another editor");
    await recordAudit(tx, { community, action: "proposal.approved", actor, target: id, at: now });
    if (settings.proposals.adoption === "second_editor") await adoptIn(tx, p, actor, now);
  });
}

/** Rejected by an admin, or withdrawn by its proposer (or an admin): closed for good, with the reason recorded. */
export const closeProposal = (
  ctx: Services,
  community: string,
  id: string,
  how: "rejected" | "withdrawn",
  reason: string | undefined,
  actor: Principal,
) =>
  decide(ctx, community, id, async (tx, p, now) => {
    assertOpen(p);
    const isAdmin = actor.kind === "operator" || actor.role === "admin";
    if (how === "withdrawn" && !isAdmin && p.row.createdBy !== actor.keyId)
      throw new MoresError("forbidden", "only the proposer or an admin may withdraw a proposal");
    await recordAudit(tx, {
      community,
      action: how === "rejected" ? "proposal.rejected" : "proposal.withdrawn",
      actor,
      target: id,
      detail: reason ? { reason } : {},
      at: now,
    });
  });
