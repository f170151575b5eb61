import type { Services } from "../context.js";
import { reviewEvents } from "../db/schema/index.js";
import { newId } from "../lib/ids.js";
import { loadRulingRecord } from "../rulings/load-record.js";
import { assertQueued } from "./queue.js";

/** A moderator takes a queued ruling; the latest claim shows in the queue. Claiming again (or by another) is allowed. */
export async function claimReview(
  ctx: Services,
  community: string,
  rulingId: string,
  { moderator, key }: { moderator: string; key: string },
) {
  await loadRulingRecord(ctx.db, community, rulingId);
  await assertQueued(ctx.db, community, rulingId);
  const now = ctx.clock();
  await ctx.db.insert(reviewEvents).values({
    id: newId("rev", now.getTime()),
    communityId: community,
    rulingId,
    type: "claimed",
    moderator,
    data: { key },
    createdAt: now,
  });
  return { ruling_id: rulingId, claimed_by: moderator, claimed_at: now.toISOString() };
}
