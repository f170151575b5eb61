import { and, eq } from "drizzle-orm";
import type { Services } from "../context.js";
import type { Transaction } from "../db/client.js";
import { appeals } from "../db/schema/index.js";
import { type Decision, MoresError } from "../domain/index.js";
import { recordPrecedents } from "../precedents/record-precedents.js";
import { insertRulingRecord } from "../rulings/insert-record.js";
import { loadRulingRecord } from "../rulings/load-record.js";
import { assertExceptionOffered } from "../rulings/offered-exception.js";
import { rulingView } from "../rulings/ruling-view.js";
import { type HumanDecision, supersedingRecord } from "../rulings/superseding-record.js";
import { recordEvent } from "../webhooks/outbox.js";
import { type AppealRow, appealView } from "./appeal-view.js";
import { type AppealEvent, transition } from "./transition.js";

export type AppealDecisionInput = {
  outcome: "upheld" | "overturned" | "modified";
  rationale: string;
  decision?: Exclude<Decision, "review">;
  exception?: string;
  moderator: string;
  /** The API key that decided (its id). */
  key: string;
};

/** Loads an appeal and applies the pure transition; an invalid one is a 409 with the transition's code. */
export async function appealFor(
  tx: Transaction,
  community: string,
  id: string,
  event: AppealEvent,
): Promise<AppealRow> {
  const [row] = await tx
    .select()
    .from(appeals)
    .where(and(eq(appeals.communityId, community), eq(appeals.id, id)));
  if (!row) throw new MoresError("appeal_not_found", `no appeal "${id}" in community "${community}"`);
  const t = transition(row.state, event);
  if (!t.ok) throw new MoresError(t.code, `appeal ${id} is ${row.state}`);
  return row;
}

/** Updates the appeal only if it is still open: a concurrent decision loses with the same 409. */
async function close(tx: Transaction, row: AppealRow, changes: Partial<AppealRow>): Promise<AppealRow> {
  const [updated] = await tx
    .update(appeals)
    .set(changes)
    .where(and(eq(appeals.id, row.id), eq(appeals.state, "open")))
    .returning();
  if (!updated) throw new MoresError("appeal_already_decided", `appeal ${row.id} was decided or withdrawn meanwhile`);
  return updated;
}

/**
 * A moderator decides an appeal, with a rationale, in one transaction: the
 * appeal closes; overturn and modify append a ruling that supersedes the one
 * appealed (which stays as it was); the decision becomes a precedent; the
 * platform is told through `appeal.decided` (and `ruling.superseded`).
 */
export async function decideAppeal(ctx: Services, community: string, id: string, input: AppealDecisionInput) {
  await checkException(ctx, community, id, input.exception);
  const now = ctx.clock();
  return ctx.db.transaction(async (tx) => {
    const row = await appealFor(tx, community, id, "decide");
    const original = await loadRulingRecord(tx, community, row.rulingId);
    const keeps = input.outcome === "upheld";
    const decision = keeps ? (original.row.decision as Exclude<Decision, "review">) : (input.decision ?? "allow");
    if (input.outcome === "modified" && !input.decision) {
      throw new MoresError("invalid_request", "a modified outcome needs the new decision");
    }
    const human: HumanDecision = {
      origin: "appeal",
      sourceId: id,
      moderator: input.moderator,
      key: input.key,
      decision,
      rationale: input.rationale,
      ...(input.exception ? { exception: input.exception } : {}),
    };
    const next = keeps ? null : supersedingRecord(original, human, now);
    if (next) await insertRulingRecord(tx, next);
    const updated = await close(tx, row, {
      state: "decided",
      decidedAt: now,
      outcome: input.outcome,
      rationale: input.rationale,
      decision,
      moderator: input.moderator,
      decidedByKey: input.key,
      supersedingRulingId: next?.row.id ?? null,
    });
    await recordPrecedents(tx, original, human, now);
    const appeal = appealView(updated);
    await recordEvent(tx, { community, type: "appeal.decided", payload: appeal, now });
    if (next) {
      await recordEvent(tx, {
        community,
        type: "ruling.superseded",
        payload: { ruling_id: original.row.id, superseded_by: next.row.id, decision, origin: "appeal" },
        now,
      });
    }
    return { appeal, ruling: next ? rulingView(next.row, next.norms) : null };
  });
}

/**
 * The named exception must be one the appealed ruling's norms offer. Checked
 * before the transaction (the norm set may need reading); the appeal's ruling
 * never changes, and an unknown appeal is left for the transaction to report.
 */
async function checkException(ctx: Services, community: string, id: string, exception: string | undefined) {
  if (exception === undefined) return;
  const [row] = await ctx.db
    .select({ rulingId: appeals.rulingId })
    .from(appeals)
    .where(and(eq(appeals.communityId, community), eq(appeals.id, id)));
  if (row)
    await assertExceptionOffered(ctx, community, await loadRulingRecord(ctx.db, community, row.rulingId), exception);
}

/** The author (through the platform) withdraws an open appeal. */
export async function withdrawAppeal(ctx: Services, community: string, id: string) {
  return ctx.db.transaction(async (tx) => {
    const row = await appealFor(tx, community, id, "withdraw");
    return appealView(await close(tx, row, { state: "withdrawn", decidedAt: ctx.clock() }));
  });
}
