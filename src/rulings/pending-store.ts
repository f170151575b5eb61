import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../db/client.js";
import { resultRows } from "../db/json-rows.js";
import { pendingJudgments } from "../db/schema/index.js";
import type { EvaluationRequest } from "../domain/index.js";
import type { PendingJudgmentRow } from "./ruling-row.js";

/** A pending judgment this process holds the lease on. */
export type ClaimedJudgment = { rulingId: string; community: string; request: EvaluationRequest; token: string };

/** The row a provisional ruling is written with: leased to the process that answered, for `leaseMs`. */
export function pendingRow(
  rulingId: string,
  community: string,
  request: EvaluationRequest,
  now: Date,
  leaseMs: number,
): PendingJudgmentRow {
  return {
    rulingId,
    communityId: community,
    request,
    leaseToken: crypto.randomUUID(),
    leaseUntil: new Date(now.getTime() + leaseMs),
    createdAt: now,
  };
}

/**
 * Claims up to `limit` pending judgments whose lease has run out (their
 * process died, or stopped and let them go), oldest first, in one statement
 * that commits at once; SKIP LOCKED lets concurrent claims pass each other by.
 */
export async function claimExpired(
  db: Database,
  input: { now: Date; leaseMs: number; limit: number },
): Promise<ClaimedJudgment[]> {
  const token = crypto.randomUUID();
  const result = await db.execute(sql`
    with due as (
      select ruling_id from pending_judgments
      where lease_until <= ${input.now.toISOString()}::timestamptz
      order by created_at
      limit ${input.limit}
      for update skip locked
    )
    update pending_judgments p
    set lease_token = ${token}, lease_until = ${new Date(input.now.getTime() + input.leaseMs).toISOString()}::timestamptz
    from due where p.ruling_id = due.ruling_id
    returning p.ruling_id, p.community_id, p.request`);
  return resultRows<{ ruling_id: string; community_id: string; request: EvaluationRequest | string }>(result).map(
    (r) => ({
      rulingId: r.ruling_id,
      community: r.community_id,
      // postgres.js parses jsonb; PGlite through execute may hand back text.
      request: typeof r.request === "string" ? (JSON.parse(r.request) as EvaluationRequest) : r.request,
      token,
    }),
  );
}

/** Lets held judgments go at once (a graceful stop), so the next process resumes them without waiting out the lease. */
export async function releaseLeases(db: Database, held: ReadonlyArray<{ rulingId: string; token: string }>, now: Date) {
  for (const token of new Set(held.map((h) => h.token))) {
    const ids = held.filter((h) => h.token === token).map((h) => h.rulingId);
    await db
      .update(pendingJudgments)
      .set({ leaseUntil: now })
      .where(and(eq(pendingJudgments.leaseToken, token), inArray(pendingJudgments.rulingId, ids)));
  }
}
