import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import type { Services } from "../context.js";
import type { Database, Transaction } from "../db/client.js";
import { reviewEvents, rulingNorms, rulings } from "../db/schema/index.js";
import { MoresError, type Ruling } from "../domain/index.js";
import { decodeCursor, toPage } from "../lib/page.js";
import { rulingView } from "../rulings/ruling-view.js";
import { type Suggestion, suggestionsFor } from "../shims/suggest-score.js";
import { currentHolder } from "./claim-state.js";
import { CLAIM_EVENTS, toClaimEvent } from "./claims.js";

/** A ruling waits for review while its decision is `review`, no decision event exists, and nothing superseded it. */
export const awaitingReview = () => [
  eq(rulings.decision, "review"),
  sql`not exists (select 1 from review_events e where e.ruling_id = ${rulings.id} and e.type = 'decided')`,
  sql`not exists (select 1 from rulings s where s.supersedes = ${rulings.id})`,
];
const waiting = (community: string) => [eq(rulings.communityId, community), ...awaitingReview()];

export async function assertQueued(db: Database | Transaction, community: string, rulingId: string): Promise<void> {
  const [row] = await db
    .select({ id: rulings.id })
    .from(rulings)
    .where(and(...waiting(community), eq(rulings.id, rulingId)));
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
  const where = waiting(community);
  if (q.cursor) where.push(gt(rulings.id, decodeCursor(q.cursor, "rul")));
  if (q.norm) {
    where.push(
      inArray(
        rulings.id,
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
  const rows = await ctx.db
    .select()
    .from(rulings)
    .where(and(...where))
    .orderBy(asc(rulings.id))
    .limit(q.limit + 1);
  const { page, nextCursor } = toPage(rows, q.limit);
  const ids = page.map((r) => r.id);
  const norms = ids.length ? await ctx.db.select().from(rulingNorms).where(inArray(rulingNorms.rulingId, ids)) : [];
  const claims = ids.length
    ? await ctx.db
        .select()
        .from(reviewEvents)
        .where(and(inArray(reviewEvents.rulingId, ids), inArray(reviewEvents.type, CLAIM_EVENTS)))
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
