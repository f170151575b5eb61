import type { Transaction } from "../db/client.js";
import { precedents } from "../db/schema/index.js";
import { newId } from "../lib/ids.js";
import type { RulingRecord } from "../rulings/ruling-row.js";
import type { HumanDecision } from "../rulings/superseding-record.js";

/**
 * A person's decision becomes a precedent for each norm it interpreted: the
 * norms that needed review or were appealed, at the exact version applied,
 * with the exception considered, the content's matched terms and facts, and
 * the rationale. Later reasoning on the same norm receives the most similar.
 */
export async function recordPrecedents(
  tx: Transaction,
  original: RulingRecord,
  d: HumanDecision,
  now: Date,
): Promise<string[]> {
  const facts = original.row.facts as Record<string, unknown>;
  const terms = Array.isArray(facts.terms) ? (facts.terms as string[]) : [];
  const { text: _text, ...factsWithoutText } = facts;
  const rows = original.norms.map((n) => ({
    id: newId("prc", now.getTime()),
    communityId: original.row.communityId,
    normId: n.normId,
    normVersion: n.normVersion,
    exception:
      d.exception ?? n.exception ?? (n.candidates as Array<{ exception: string }> | null)?.[0]?.exception ?? null,
    source: d.origin,
    sourceId: d.sourceId,
    rulingId: original.row.id,
    holding:
      d.decision === "allow"
        ? d.exception
          ? ("excepted" as const)
          : ("not_violated" as const)
        : ("violated" as const),
    decision: d.decision,
    rationale: d.rationale,
    terms,
    facts: factsWithoutText,
    createdAt: now,
  }));
  if (rows.length > 0) await tx.insert(precedents).values(rows);
  return rows.map((r) => r.id);
}
