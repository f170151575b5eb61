import type { Ruling, RulingNorm, RulingSummary } from "../domain/index.js";
import type { RulingNormRow, RulingRow } from "./ruling-row.js";

const normView = (n: RulingNormRow): RulingNorm => ({
  id: n.normId,
  version: n.normVersion,
  title: n.title,
  outcome: n.outcome,
  ...(n.exception ? { exception: n.exception } : {}),
  ...(n.candidates ? { candidates: n.candidates } : {}),
  ...(n.cause ? { cause: n.cause } : {}),
  ...(n.judgment ? { judgment: n.judgment } : {}),
  action: n.action,
  severity: n.severity,
});

/**
 * The API shape of a stored ruling. `supersededBy` is derived when read (the
 * ruling whose `supersedes` names this one): rulings are never edited, so it
 * is not stored on the row. Callers that just wrote the ruling pass nothing.
 */
export function rulingView(
  row: RulingRow,
  norms: readonly RulingNormRow[],
  supersededBy: string | null = null,
): Ruling {
  return {
    id: row.id,
    community: row.communityId,
    decision: row.decision,
    status: row.status,
    norm_set_version: row.normSetVersion,
    norms: [...norms].sort((a, b) => a.position - b.position).map(normView),
    content: {
      ...(row.contentId ? { id: row.contentId } : {}),
      ...(row.contentKind ? { kind: row.contentKind } : {}),
      hash: row.contentHash,
      ...(row.contentText !== null ? { text: row.contentText } : {}),
    },
    facts: row.facts,
    evidence: row.evidence,
    trace: row.trace,
    origin: row.origin,
    supersedes: row.supersedes,
    language: row.language,
    labels: row.labels ?? [],
    superseded_by: supersededBy,
    created_at: row.createdAt.toISOString(),
    appeal_until: row.appealUntil.toISOString(),
    links: rulingLinks(row),
  };
}

/** Where a ruling and its community's norms are read. */
function rulingLinks(row: RulingRow): Ruling["links"] {
  const base = `/v1/communities/${encodeURIComponent(row.communityId)}`;
  return { self: `${base}/rulings/${row.id}`, norms: `${base}/norms` };
}

/**
 * The summary of a stored ruling (`Prefer: return=minimal`), straight from its row: what a platform acts on,
 * without building the whole view (facts, evidence, trace) first on every answer.
 */
export function rulingSummaryView(row: RulingRow, norms: readonly RulingNormRow[]): RulingSummary {
  const ordered = norms.length > 1 ? [...norms].sort((a, b) => a.position - b.position) : norms;
  return {
    id: row.id,
    decision: row.decision,
    norms: ordered.map((n) => ({ norm: `${n.normId}@${n.normVersion}`, outcome: n.outcome, action: n.action })),
    appeal_until: row.appealUntil.toISOString(),
    links: rulingLinks(row),
  };
}
