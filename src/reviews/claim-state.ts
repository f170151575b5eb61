/** One claim or release in a ruling's review log, as claim-state reads it. */
export type ClaimEvent = {
  type: "claimed" | "released" | "decided";
  moderator: string;
  /** The key that acted (its id), from the event's data. */
  key: string | null;
  createdAt: Date;
  /** When a claim's lease ends, fixed when it was made (a later change of the setting does not move it). */
  expiresAt: Date | null;
};

export type Holder = { moderator: string; key: string | null; claimedAt: Date; expiresAt: Date };

/**
 * Who holds a queued ruling now: the latest claim, unless a later release by
 * its holder ended it or its lease has run out. Pure, so the table of cases
 * is tested without a database.
 */
export function currentHolder(events: readonly ClaimEvent[], now: Date): Holder | null {
  let holder: Holder | null = null;
  const ordered = [...events].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  for (const e of ordered) {
    if (e.type === "claimed" && e.expiresAt) {
      holder = { moderator: e.moderator, key: e.key, claimedAt: e.createdAt, expiresAt: e.expiresAt };
    } else if (e.type === "released" && holder && isSame(holder, e)) {
      holder = null;
    }
  }
  return holder && holder.expiresAt.getTime() > now.getTime() ? holder : null;
}

/** A moderator is the name they sign with on the key they act with: the same name on another key is someone else. */
export const isSame = (holder: Pick<Holder, "moderator" | "key">, who: { moderator: string; key: string | null }) =>
  holder.moderator === who.moderator && holder.key === who.key;
