import { and, eq } from "drizzle-orm";
import type { Database } from "../db/client.js";
import { pendingJudgments } from "../db/schema/index.js";
import { recordEvent } from "../webhooks/outbox.js";
import { insertRulingRecord } from "./insert-record.js";
import { supersededBy } from "./load-record.js";
import type { RulingRecord } from "./ruling-row.js";

export type SupersedeResult =
  | { status: "superseded"; ruling: RulingRecord }
  /** Another process holds (or finished) this judgment: nothing written. */
  | { status: "not_held" }
  /** A person decided, or the content was edited, before the model answered: theirs stands. */
  | { status: "already_superseded"; by: string };

/**
 * The final ruling for a provisional one, from the evaluation the model
 * finished: it supersedes the provisional ruling (origin `judgment`) and is
 * announced as `ruling.superseded`. One transaction also deletes the pending
 * judgment, and only if this process still holds its lease (`token`), so two
 * processes that both judged it never write two final rulings.
 */
export async function supersedeProvisional(
  db: Database,
  provisionalId: string,
  token: string,
  evaluated: RulingRecord,
  now: Date,
): Promise<SupersedeResult> {
  const final: RulingRecord = {
    row: {
      ...evaluated.row,
      origin: "judgment",
      status: "final",
      supersedes: provisionalId,
      // The provisional ruling answers retries of the request; this one is reached from it.
      idempotencyKey: null,
      requestHash: "",
      trace: { ...evaluated.row.trace, superseded: provisionalId },
    },
    norms: evaluated.norms,
  };
  return db.transaction(async (tx) => {
    const held = await tx
      .delete(pendingJudgments)
      .where(and(eq(pendingJudgments.rulingId, provisionalId), eq(pendingJudgments.leaseToken, token)))
      .returning({ id: pendingJudgments.rulingId });
    if (held.length === 0) return { status: "not_held" } as const;
    const by = await supersededBy(tx, provisionalId);
    if (by) return { status: "already_superseded", by } as const;
    await insertRulingRecord(tx, final);
    await recordEvent(tx, {
      community: final.row.communityId,
      type: "ruling.superseded",
      payload: {
        ruling_id: provisionalId,
        superseded_by: final.row.id,
        decision: final.row.decision,
        origin: "judgment",
      },
      now,
    });
    return { status: "superseded", ruling: final } as const;
  });
}
