import { and, eq, inArray } from "drizzle-orm";
import type { Transaction } from "../db/client.js";
import { reviewEvents, rulings } from "../db/schema/index.js";
import { MoresError } from "../domain/index.js";
import { type ClaimEvent, currentHolder, type Holder, isSame } from "./claim-state.js";

export type Moderator = { moderator: string; key: string };

/**
 * Locks the ruling's row for the rest of the transaction, so claims, releases
 * and decisions on one ruling happen one after another: two moderators
 * claiming at the same instant cannot both win. (A row lock is not an UPDATE:
 * the append-only trigger does not fire.)
 */
export async function lockRuling(tx: Transaction, community: string, rulingId: string): Promise<void> {
  await tx
    .select({ id: rulings.id })
    .from(rulings)
    .where(and(eq(rulings.communityId, community), eq(rulings.id, rulingId)))
    .for("update");
}

/** The review events that make or end a claim. */
export const CLAIM_EVENTS: Array<ClaimEvent["type"]> = ["claimed", "released"];

/** A stored review event as claim-state reads it: the key and the lease's end live in its data. */
export function toClaimEvent(r: typeof reviewEvents.$inferSelect): ClaimEvent {
  const data = (r.data ?? {}) as { key?: string; expires_at?: string };
  return {
    type: r.type,
    moderator: r.moderator,
    key: data.key ?? null,
    createdAt: r.createdAt,
    expiresAt: data.expires_at ? new Date(data.expires_at) : null,
  };
}

/** Who holds the ruling now (see claim-state.ts), from its claim and release events. */
export async function holderOf(tx: Transaction, rulingId: string, now: Date): Promise<Holder | null> {
  const rows = await tx
    .select()
    .from(reviewEvents)
    .where(and(eq(reviewEvents.rulingId, rulingId), inArray(reviewEvents.type, CLAIM_EVENTS)));
  return currentHolder(rows.map(toClaimEvent), now);
}

/** The 409 for acting on a ruling someone else holds, naming who and until when. */
export function claimedByOther(rulingId: string, holder: Holder): MoresError {
  return new MoresError(
    "claimed_by_other",
    `ruling ${rulingId} is claimed by ${holder.moderator} until ${holder.expiresAt.toISOString()}`,
    { claimed_by: holder.moderator, expires_at: holder.expiresAt.toISOString() },
  );
}

/**
 * Deciding a queued ruling: never over someone else's live claim, and, when
 * the community requires claims, only with one's own.
 */
export async function assertMayDecide(
  tx: Transaction,
  rulingId: string,
  who: Moderator,
  requireClaim: boolean,
  now: Date,
): Promise<void> {
  const holder = await holderOf(tx, rulingId, now);
  if (holder && !isSame(holder, who)) throw claimedByOther(rulingId, holder);
  if (!holder && requireClaim)
    throw new MoresError(
      "claim_required",
      `claim ruling ${rulingId} (POST …/reviews/${rulingId}/claim) before deciding it; this community requires a claim`,
    );
}
