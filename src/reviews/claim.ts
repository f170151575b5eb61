import type { Services } from "../context.js";
import { reviewEvents } from "../db/schema/index.js";
import { MoresError } from "../domain/index.js";
import { newId } from "../lib/ids.js";
import { loadRulingRecord } from "../rulings/load-record.js";
import { isSame } from "./claim-state.js";
import { claimedByOther, holderOf, lockRuling, type Moderator } from "./claims.js";
import { assertQueued } from "./queue.js";

const MINUTE_MS = 60_000;

/**
 * A moderator takes a queued ruling for the community's lease
 * (`reviews.claim_lease_minutes`). While the lease runs, no one else may
 * claim or decide it (409 `claimed_by_other`); claiming again renews one's own.
 */
export async function claimReview(ctx: Services, community: string, rulingId: string, who: Moderator) {
  const { settings } = await ctx.normSets.current(community);
  const now = ctx.clock();
  const expiresAt = new Date(now.getTime() + settings.reviews.claim_lease_minutes * MINUTE_MS);
  return ctx.db.transaction(async (tx) => {
    await loadRulingRecord(tx, community, rulingId);
    await lockRuling(tx, community, rulingId);
    await assertQueued(tx, community, rulingId);
    const holder = await holderOf(tx, rulingId, now);
    if (holder && !isSame(holder, who)) throw claimedByOther(rulingId, holder);
    await tx.insert(reviewEvents).values({
      id: newId("rev", now.getTime()),
      communityId: community,
      rulingId,
      type: "claimed",
      moderator: who.moderator,
      data: { key: who.key, expires_at: expiresAt.toISOString() },
      createdAt: now,
    });
    return {
      ruling_id: rulingId,
      claimed_by: who.moderator,
      claimed_at: now.toISOString(),
      expires_at: expiresAt.toISOString(),
    };
  });
}

/** The holder gives a claimed ruling back to the queue before the lease ends. */
export async function releaseReview(ctx: Services, community: string, rulingId: string, who: Moderator) {
  const now = ctx.clock();
  return ctx.db.transaction(async (tx) => {
    await loadRulingRecord(tx, community, rulingId);
    await lockRuling(tx, community, rulingId);
    await assertQueued(tx, community, rulingId);
    const holder = await holderOf(tx, rulingId, now);
    if (!holder) throw new MoresError("claim_not_held", `ruling ${rulingId} is not claimed`);
    if (!isSame(holder, who)) throw claimedByOther(rulingId, holder);
    await tx.insert(reviewEvents).values({
      id: newId("rev", now.getTime()),
      communityId: community,
      rulingId,
      type: "released",
      moderator: who.moderator,
      data: { key: who.key },
      createdAt: now,
    });
    return { ruling_id: rulingId, released_by: who.moderator, released_at: now.toISOString() };
  });
}
