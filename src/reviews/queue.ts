import { and, asc, eq, getTableColumns, gt, inArray } from "drizzle-orm";
import type { Services } from "../context.js";
import type { Database, Transaction } from "../db/client.js";
import { reviewEvents, reviewQueue, rulingNorms, rulings } from "../db/schema/index.js";
import { MoresError, type Ruling } from "../domain/index.js";
import { decodeCursor, toPage } from "../lib/page.js";
import { rulingView } from "../rulings/ruling-view.js";
import { type Suggestion, suggestionsFor } from "../shims/suggest-score.js";
import { currentHolder } from "./claim-state.js";
import { CLAIM_EVENTS, toClaimEvent } from "./claims.js";

/**
 * A ruling waits for review while its decision is `review`, no decision event exists, and nothing superseded it.
 * The writes keep that set as the table `review_queue` (migrations/0013: triggers on rulings and review events), so
 * the queue is read from there: asked of the rulings themselves, every page walked past the decided and
 * superseded review rulings of the whole history (docs/performance.md, twenty-first pass).
 */
export async function assertQueued(db: Database | Transaction, community: string, rulingId: string): Promise<void> {
  const [row] = await db
    .select({ id: reviewQueue.rulingId })
    .from(reviewQueue)
    .where(and(eq(reviewQueue.communityId, community), eq(reviewQueue.rulingId, rulingId)));
  if (row) return;
  const [decided] = await db
    .select({ id: reviewEvents.id })
    .from(reviewEvents)
    .where(and(eq(reviewEvents.rulingId, rulingId), eq(reviewEvents.type, "decided")));
  if (decided) throw new MoresError("review_already_decided", `ruling ${rulingId} has already been reviewed`);
  throw new MoresError("review_not_queued", `ruling ${rulingId} is not waiting for review`);
}

export type QueueItem = {
  ruling: Ruling;
  waiting_since: string;
  claimed_by: string | null;
  claimed_at: string | null;
  /** Scores platforms suggested for the same content (comments:suggestscore), newest first. */
  suggestions: Suggestion[];
  claim_expires_at: string | null;
};

/** The review queue, oldest first, optionally only rulings where a given norm needs review. */
export async function listQueue(
  ctx: Services,
  community: string,
  q: { norm?: string; limit: number; cursor?: string },
) {
  const where = [eq(reviewQueue.communityId, community)];
  if (q.cursor) where.push(gt(reviewQueue.rulingId, decodeCursor(q.cursor, "rul")));
  if (q.norm) {
    where.push(
      inArray(
        reviewQueue.rulingId,
        ctx.db
          .select({ id: rulingNorms.rulingId })
          .from(rulingNorms)
          .where(
            and(
              eq(rulingNorms.communityId, community),
              eq(rulingNorms.normId, q.norm),
              eq(rulingNorms.outcome, "needs_review"),
            ),
          ),
      ),
    );
  }
  // The page's ids first, then their rulings: joined directly, the planner may walk the rulings' whole id index
  // to meet the queue's few (a merge join), or read the whole queue before its limit (docs/performance.md).
  const ids = ctx.db
    .select({ rulingId: reviewQueue.rulingId })
    .from(reviewQueue)
    .where(and(...where))
    .orderBy(asc(reviewQueue.rulingId))
    .limit(q.limit + 1)
    .as("page_ids");
  const rows = await ctx.db
    .select(getTableColumns(rulings))
    .from(ids)
    .innerJoin(rulings, eq(rulings.id, ids.rulingId))
    .orderBy(asc(ids.rulingId));
  const { page, nextCursor } = toPage(rows, q.limit);
  const shown = page.map((r) => r.id);
  const norms = shown.length ? await ctx.db.select().from(rulingNorms).where(inArray(rulingNorms.rulingId, shown)) : [];
  const claims = shown.length
    ? await ctx.db
        .select()
        .from(reviewEvents)
        .where(and(inArray(reviewEvents.rulingId, shown), inArray(reviewEvents.type, CLAIM_EVENTS)))
    : [];
  const suggested = await suggestionsFor(ctx, community, [...new Set(page.map((r) => r.contentHash))]);
  const now = ctx.clock();
  const data: QueueItem[] = page.map((r) => {
    // Only a live claim shows: a released or lapsed one leaves the ruling free for anyone.
    const claim = currentHolder(claims.filter((c) => c.rulingId === r.id).map(toClaimEvent), now);
    return {
      ruling: rulingView(
        r,
        norms.filter((n) => n.rulingId === r.id),
      ),
      waiting_since: r.createdAt.toISOString(),
      claimed_by: claim?.moderator ?? null,
      claimed_at: claim?.claimedAt.toISOString() ?? null,
      claim_expires_at: claim?.expiresAt.toISOString() ?? null,
      suggestions: suggested.get(r.contentHash) ?? [],
    };
  });
  return { data, next_cursor: nextCursor };
}
