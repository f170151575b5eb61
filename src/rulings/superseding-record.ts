import type { Decision, RulingOutcome } from "../domain/index.js";
import { newId } from "../lib/ids.js";
import type { RulingRecord } from "./ruling-row.js";

/** A person's decision on a ruling: from the review queue or on appeal. */
export type HumanDecision = {
  origin: "review" | "appeal";
  sourceId: string;
  moderator: string;
  /** The API key that made the decision (its id, never the key). */
  key: string;
  decision: Exclude<Decision, "review">;
  rationale: string;
  /** The exception the person found to apply, if any. */
  exception?: string;
};

/**
 * The ruling a person's decision appends. The original is never edited: this
 * one `supersedes` it, with the same content, facts and evidence, each engaged
 * norm's outcome as the person decided it, and who decided and why.
 */
export function supersedingRecord(original: RulingRecord, d: HumanDecision, now: Date): RulingRecord {
  const id = newId("rul", now.getTime());
  const held: RulingOutcome = d.decision === "allow" ? "excepted" : "violated";
  return {
    row: {
      ...original.row,
      id,
      decision: d.decision,
      status: "final",
      idempotencyKey: null,
      requestHash: "",
      origin: d.origin,
      supersedes: original.row.id,
      trace: {
        decided_by: {
          origin: d.origin,
          source: d.sourceId,
          moderator: d.moderator,
          key: d.key,
          rationale: d.rationale,
        },
        superseded: original.row.id,
      },
      createdAt: now,
      appealUntil: original.row.appealUntil,
    },
    norms: original.norms.map((n) => ({
      ...n,
      rulingId: id,
      // Norms the person's decision rests on take its outcome; others keep theirs.
      outcome: n.outcome === "excepted" && held === "violated" ? n.outcome : held,
      exception: held === "excepted" ? (d.exception ?? n.exception) : null,
      candidates: null,
      cause: null,
      judgment: null,
    })),
  };
}
