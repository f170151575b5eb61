import type { appeals } from "../db/schema/index.js";

export type AppealRow = typeof appeals.$inferSelect;

export function appealView(a: AppealRow) {
  const base = `/v1/communities/${encodeURIComponent(a.communityId)}`;
  return {
    id: a.id,
    community: a.communityId,
    ruling_id: a.rulingId,
    state: a.state,
    grounds: a.grounds,
    context: a.context ?? null,
    filed_at: a.filedAt.toISOString(),
    decided_at: a.decidedAt?.toISOString() ?? null,
    outcome: a.outcome ?? null,
    rationale: a.rationale ?? null,
    decision: a.decision ?? null,
    decided_by: a.moderator ?? null,
    decided_by_key: a.decidedByKey ?? null,
    superseding_ruling_id: a.supersedingRulingId ?? null,
    links: { self: `${base}/appeals/${a.id}`, ruling: `${base}/rulings/${a.rulingId}` },
  };
}
export type AppealView = ReturnType<typeof appealView>;
