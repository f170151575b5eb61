import { and, eq } from "drizzle-orm";
import type { Services } from "../context.js";
import { appeals } from "../db/schema/index.js";
import { isUniqueViolation } from "../db/unique-violation.js";
import { MoresError } from "../domain/index.js";
import { canonicalJson, sha256 } from "../lib/hash.js";
import { newId } from "../lib/ids.js";
import { loadRulingRecord, supersededBy } from "../rulings/load-record.js";
import { recordEvent } from "../webhooks/outbox.js";
import { type AppealRow, appealView } from "./appeal-view.js";

export type FileAppealInput = { grounds: string; context?: Record<string, unknown> };

async function byKey(ctx: Services, community: string, key: string): Promise<AppealRow | undefined> {
  const [row] = await ctx.db
    .select()
    .from(appeals)
    .where(and(eq(appeals.communityId, community), eq(appeals.idempotencyKey, key)));
  return row;
}

/**
 * Files an appeal against a ruling on the author's behalf, until the ruling's
 * appeal deadline. One open appeal per ruling (the database enforces it); the
 * same Idempotency-Key returns the same appeal. Appeal decisions are final
 * here: what follows is out-of-court dispute settlement (DSA Art. 21).
 */
export async function fileAppeal(
  ctx: Services,
  community: string,
  rulingId: string,
  input: FileAppealInput,
  key?: string,
) {
  const requestHash = sha256(canonicalJson({ rulingId, ...input }));
  if (key) {
    const existing = await byKey(ctx, community, key);
    if (existing) return replay(existing, requestHash, key);
  }
  const ruling = await loadRulingRecord(ctx.db, community, rulingId);
  const now = ctx.clock();
  const next = await supersededBy(ctx.db, rulingId);
  if (next)
    throw new MoresError(
      "ruling_superseded",
      `ruling ${rulingId} was superseded by ${next}; appeal that ruling instead`,
    );
  if (ruling.row.origin === "appeal") {
    throw new MoresError(
      "appeal_window_closed",
      "this ruling decided an appeal; the next step is out-of-court dispute settlement",
    );
  }
  if (now > ruling.row.appealUntil) {
    throw new MoresError(
      "appeal_window_closed",
      `appeals against ${rulingId} were accepted until ${ruling.row.appealUntil.toISOString()}`,
    );
  }
  const row: AppealRow = {
    id: newId("apl", now.getTime()),
    communityId: community,
    rulingId,
    state: "open",
    grounds: input.grounds,
    context: input.context ?? null,
    idempotencyKey: key ?? null,
    requestHash,
    filedAt: now,
    decidedAt: null,
    outcome: null,
    rationale: null,
    decision: null,
    moderator: null,
    decidedByKey: null,
    supersedingRulingId: null,
  };
  try {
    await ctx.db.transaction(async (tx) => {
      await tx.insert(appeals).values(row);
      await recordEvent(tx, { community, type: "appeal.filed", payload: appealView(row), now });
    });
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    const raced = key ? await byKey(ctx, community, key) : undefined;
    if (raced) return replay(raced, requestHash, key as string);
    throw new MoresError("appeal_already_open", `ruling ${rulingId} already has an open appeal`);
  }
  return { appeal: appealView(row), replayed: false };
}

function replay(existing: AppealRow, requestHash: string, key: string) {
  if (existing.requestHash !== requestHash) {
    throw new MoresError(
      "idempotency_key_reused",
      `Idempotency-Key "${key}" was first used for a different appeal (${existing.id})`,
    );
  }
  return { appeal: appealView(existing), replayed: true };
}
