import { and, desc, eq, inArray } from "drizzle-orm";
import type { Services } from "../context.js";
import { rulingNorms, rulings } from "../db/schema/index.js";
import type { Decision, EvaluationRequest, Norm } from "../domain/index.js";
import type { ActiveNormSet } from "../norms/norm-set-cache.js";
import {
  compareEvaluations,
  evaluateWithoutModel,
  type NormChange,
  recordedJudgments,
  sameFacts,
} from "./counterfactual.js";

/** How many changed rulings a report lists one by one; all are counted. */
const LISTED = 100;

export type ReplayChange = {
  ruling_id: string;
  created_at: string;
  /** The decision recorded at the time (under the version the ruling cites). */
  recorded: Decision;
  from: Decision;
  to: Decision;
  norms: NormChange[];
};

export type ReplayReport = {
  /** Recent rulings looked at, newest first. */
  considered: number;
  replayed: number;
  /** Rulings of a community that keeps only hashes of text cannot be replayed. */
  skipped_without_text: number;
  changed: number;
  /** Counts by "from → to". */
  transitions: Record<string, number>;
  changes: ReplayChange[];
};

/**
 * Replays the community's most recent rulings under the version in force and
 * under the proposal, without calling a model (recorded judgments are reused
 * where the norm text is unchanged), and reports every decision that would
 * change: from what, to what, and through which norms.
 */
export async function replayRulings(
  ctx: Services,
  inForce: ActiveNormSet,
  proposed: ActiveNormSet,
  count: number,
): Promise<ReplayReport> {
  const report: ReplayReport = {
    considered: 0,
    replayed: 0,
    skipped_without_text: 0,
    changed: 0,
    transitions: {},
    changes: [],
  };
  if (count === 0) return report;
  const rows = await ctx.db
    .select()
    .from(rulings)
    .where(and(eq(rulings.communityId, inForce.community), eq(rulings.origin, "evaluation")))
    .orderBy(desc(rulings.id))
    .limit(count);
  report.considered = rows.length;
  const ids = rows.map((r) => r.id);
  const normRows = ids.length
    ? await ctx.db
        .select({ rulingId: rulingNorms.rulingId, normId: rulingNorms.normId, judgment: rulingNorms.judgment })
        .from(rulingNorms)
        .where(inArray(rulingNorms.rulingId, ids))
    : [];
  const normsOf = new Map<string, typeof normRows>();
  for (const n of normRows) normsOf.set(n.rulingId, [...(normsOf.get(n.rulingId) ?? []), n]);
  const citedNorms = new Map<number, Map<string, Norm>>();
  for (const row of rows) {
    if (row.contentText === null) {
      report.skipped_without_text++;
      continue;
    }
    let cited = citedNorms.get(row.normSetVersion);
    if (!cited) {
      const set = await ctx.normSets.version(inForce.community, row.normSetVersion);
      cited = new Map((set?.pack.norms ?? []).map((n) => [n.id, n]));
      citedNorms.set(row.normSetVersion, cited);
    }
    const recorded = recordedJudgments(normsOf.get(row.id) ?? [], cited);
    const request = {
      content: { text: row.contentText, ...(row.contentKind ? { kind: row.contentKind } : {}) },
      ...(row.author ? { author: row.author } : {}),
      ...(row.context ? { context: row.context } : {}),
    } as EvaluationRequest;
    const before = await evaluateWithoutModel(inForce, request, recorded);
    const known = sameFacts(inForce.pack, proposed.pack) ? before : undefined;
    const change = compareEvaluations(before, await evaluateWithoutModel(proposed, request, recorded, known));
    report.replayed++;
    if (change.from === change.to && change.norms.length === 0) continue;
    report.changed++;
    const key = `${change.from} → ${change.to}`;
    report.transitions[key] = (report.transitions[key] ?? 0) + 1;
    if (report.changes.length < LISTED)
      report.changes.push({
        ruling_id: row.id,
        created_at: row.createdAt.toISOString(),
        recorded: row.decision as Decision,
        ...change,
      });
  }
  return report;
}
