import { and, asc, count, eq, sql } from "drizzle-orm";
import type { AuditAction } from "../audit/record-audit.js";
import type { Database } from "../db/client.js";
import { type auditEvents, shadowResults } from "../db/schema/index.js";
import type { NormChange } from "./counterfactual.js";

type AuditRow = typeof auditEvents.$inferSelect;

/** How many live differences a report shows one by one. */
const EXAMPLES = 20;

export type ShadowWindow = { requests: number; until: string; started_at: string };

export type ShadowView = ShadowWindow & {
  active: boolean;
  stopped_at: string | null;
  evaluated: number;
  differing: number;
  transitions: Record<string, number>;
  examples: Array<{ ruling_id: string; from: string; to: string; norms: NormChange[]; at: string }>;
};

/** Audit actions after which a shadow run records nothing more: a stop, or the proposal closing. */
export const SHADOW_ENDS: readonly AuditAction[] = [
  "proposal.shadow_stopped",
  "proposal.adopted",
  "proposal.rejected",
  "proposal.withdrawn",
];

/** The latest shadow run of a proposal from its audit events: its window, and whether a stop or close ended it. */
export function shadowWindow(events: readonly AuditRow[]): (ShadowWindow & { stopped_at: string | null }) | null {
  const started = [...events].reverse().find((e) => e.action === "proposal.shadow_started");
  if (!started) return null;
  const ended = events.find((e) => e.id > started.id && SHADOW_ENDS.includes(e.action as AuditAction));
  const d = started.detail as { requests: number; until: string };
  return {
    requests: d.requests,
    until: d.until,
    started_at: started.createdAt.toISOString(),
    stopped_at: ended?.createdAt.toISOString() ?? null,
  };
}

/** The shadow report: live requests evaluated under the proposal, the differences, and examples of them. */
export async function shadowView(
  db: Database,
  proposalId: string,
  events: readonly AuditRow[],
  now: Date,
): Promise<ShadowView | null> {
  const window = shadowWindow(events);
  if (!window) return null;
  const [totals] = await db
    .select({
      evaluated: count(),
      differing: sql<number>`count(*) filter (where ${shadowResults.differs})`.mapWith(Number),
    })
    .from(shadowResults)
    .where(eq(shadowResults.proposalId, proposalId));
  const byTransition = await db
    .select({ live: shadowResults.live, shadow: shadowResults.shadow, n: count() })
    .from(shadowResults)
    .where(and(eq(shadowResults.proposalId, proposalId), eq(shadowResults.differs, true)))
    .groupBy(shadowResults.live, shadowResults.shadow);
  const examples = await db
    .select()
    .from(shadowResults)
    .where(and(eq(shadowResults.proposalId, proposalId), eq(shadowResults.differs, true)))
    .orderBy(asc(shadowResults.rulingId)) // time-ordered ids: the order the live requests came in
    .limit(EXAMPLES);
  const evaluated = totals?.evaluated ?? 0;
  return {
    ...window,
    active: window.stopped_at === null && evaluated < window.requests && now < new Date(window.until),
    evaluated,
    differing: totals?.differing ?? 0,
    transitions: Object.fromEntries(byTransition.map((t) => [`${t.live} → ${t.shadow}`, t.n])),
    examples: examples.map((e) => ({
      ruling_id: e.rulingId,
      from: e.live,
      to: e.shadow,
      norms: e.norms as NormChange[],
      at: e.createdAt.toISOString(),
    })),
  };
}
