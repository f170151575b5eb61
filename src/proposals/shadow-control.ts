import { recordAudit } from "../audit/record-audit.js";
import type { Services } from "../context.js";
import { MoresError, type Principal } from "../domain/index.js";
import { loadProposal, type ProposalView, proposalView, statusOf } from "./proposal-view.js";

/**
 * Puts an open proposal in shadow on live traffic for at most `requests`
 * live requests or `minutes`, whichever ends first. Starting again opens a
 * new window; results already recorded still count towards `requests`.
 */
export async function startShadow(
  ctx: Services,
  community: string,
  id: string,
  window: { requests: number; minutes: number },
  actor: Principal,
): Promise<ProposalView> {
  const now = ctx.clock();
  await ctx.db.transaction(async (tx) => {
    const p = await loadProposal(tx, community, id);
    if (statusOf(p.events) !== "open")
      throw new MoresError("proposal_closed", `proposal ${id} is ${statusOf(p.events)}`);
    const until = new Date(now.getTime() + window.minutes * 60_000).toISOString();
    await recordAudit(tx, {
      community,
      action: "proposal.shadow_started",
      actor,
      target: id,
      detail: { requests: window.requests, until },
      at: now,
    });
  });
  ctx.shadows.invalidate(community);
  return proposalView(ctx.db, await loadProposal(ctx.db, community, id), now);
}

export async function stopShadow(
  ctx: Services,
  community: string,
  id: string,
  actor: Principal,
): Promise<ProposalView> {
  const now = ctx.clock();
  await ctx.db.transaction(async (tx) => {
    await loadProposal(tx, community, id);
    await recordAudit(tx, { community, action: "proposal.shadow_stopped", actor, target: id, at: now });
  });
  ctx.shadows.invalidate(community);
  return proposalView(ctx.db, await loadProposal(ctx.db, community, id), now);
}
