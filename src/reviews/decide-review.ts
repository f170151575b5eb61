import type { Services } from "../context.js";
import { reviewEvents } from "../db/schema/index.js";
import { isUniqueViolation } from "../db/unique-violation.js";
import { MoresError } from "../domain/index.js";
import { newId } from "../lib/ids.js";
import { recordPrecedents } from "../precedents/record-precedents.js";
import { insertRulingRecord } from "../rulings/insert-record.js";
import { loadRulingRecord } from "../rulings/load-record.js";
import { assertExceptionOffered } from "../rulings/offered-exception.js";
import { rulingView } from "../rulings/ruling-view.js";
import { type HumanDecision, supersedingRecord } from "../rulings/superseding-record.js";
import { recordEvent } from "../webhooks/outbox.js";
import { assertMayDecide, lockRuling } from "./claims.js";
import { assertQueued } from "./queue.js";

export type ReviewDecisionInput = Pick<HumanDecision, "decision" | "rationale" | "exception" | "moderator" | "key">;

/**
 * Decides a queued ruling, in one transaction: the decision event (the
 * database allows one per ruling), a ruling that supersedes the original,
 * the precedents, and the `review.decided` and `ruling.superseded` events.
 * The decider must hold the claim when the community requires one (the
 * default), and never decides over another moderator's live claim; a named
 * exception must be one the ruling's norms offer.
 */
export async function decideReview(ctx: Services, community: string, rulingId: string, input: ReviewDecisionInput) {
  const { settings } = await ctx.normSets.current(community);
  // Rulings never change, so the one decided on is read (and the exception checked) before the transaction.
  const original = await loadRulingRecord(ctx.db, community, rulingId);
  await assertExceptionOffered(ctx, community, original, input.exception);
  const now = ctx.clock();
  const eventId = newId("rev", now.getTime());
  try {
    return await ctx.db.transaction(async (tx) => {
      await lockRuling(tx, community, rulingId);
      await assertQueued(tx, community, rulingId);
      await assertMayDecide(tx, rulingId, input, settings.reviews.require_claim, now);
      const decision: HumanDecision = { ...input, origin: "review", sourceId: eventId };
      const next = supersedingRecord(original, decision, now);
      await tx.insert(reviewEvents).values({
        id: eventId,
        communityId: community,
        rulingId,
        type: "decided",
        moderator: input.moderator,
        data: {
          decision: input.decision,
          rationale: input.rationale,
          exception: input.exception ?? null,
          ruling: next.row.id,
          key: input.key,
        },
        createdAt: now,
      });
      await insertRulingRecord(tx, next);
      const precedents = await recordPrecedents(tx, original, decision, now);
      const review = {
        ruling_id: rulingId,
        decided_by: input.moderator,
        decided_by_key: input.key,
        decision: input.decision,
        rationale: input.rationale,
        ...(input.exception ? { exception: input.exception } : {}),
        decided_at: now.toISOString(),
        superseding_ruling_id: next.row.id,
        precedents,
      };
      await recordEvent(tx, { community, type: "review.decided", payload: review, now });
      await recordEvent(tx, {
        community,
        type: "ruling.superseded",
        payload: { ruling_id: rulingId, superseded_by: next.row.id, decision: input.decision, origin: "review" },
        now,
      });
      return { review, ruling: rulingView(next.row, next.norms) };
    });
  } catch (e) {
    if (isUniqueViolation(e))
      throw new MoresError("review_already_decided", `ruling ${rulingId} has already been reviewed`);
    throw e;
  }
}
