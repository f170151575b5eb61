import { and, asc, eq } from "drizzle-orm";
import type { Database, Transaction } from "../db/client.js";
import { auditEvents, proposals } from "../db/schema/index.js";
import { MoresError, type ProposalStatus } from "../domain/index.js";
import type { ProposalReport } from "./proposal-report.js";
import { type ShadowView, shadowView } from "./shadow-view.js";

type Actor = { key: string; role: string; name: string | null };
type AuditRow = typeof auditEvents.$inferSelect;
type ProposalRow = typeof proposals.$inferSelect;

export type ProposalView = {
  id: string;
  title: string;
  description: string | null;
  kind: string;
  base_version: number;
  status: ProposalStatus;
  proposed_by: Actor;
  created_at: string;
  approvals: Array<Actor & { at: string }>;
  /** Set once adopted: the norm-set version it became. */
  adopted_version: number | null;
  closed: (Actor & { at: string; status: Exclude<ProposalStatus, "open">; reason: string | null }) | null;
  report: ProposalReport;
  shadow: ShadowView | null;
};

const actor = (e: AuditRow): Actor => ({ key: e.actorKey, role: e.actorRole, name: e.actorName });

/** The proposal row and its audit events, oldest first; proposal_not_found outside its community. */
export async function loadProposal(db: Database | Transaction, community: string, id: string) {
  const [row] = await db
    .select()
    .from(proposals)
    .where(and(eq(proposals.communityId, community), eq(proposals.id, id)));
  if (!row) throw new MoresError("proposal_not_found", `no proposal ${id} in community "${community}"`);
  const events = await db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.communityId, community), eq(auditEvents.target, id)))
    .orderBy(asc(auditEvents.id));
  return { row, events };
}

const CLOSING: Record<string, Exclude<ProposalStatus, "open">> = {
  "proposal.adopted": "adopted",
  "proposal.rejected": "rejected",
  "proposal.withdrawn": "withdrawn",
};

/** Status is derived from the audit log, never stored: the first closing event decides it. */
export function statusOf(events: readonly AuditRow[]): ProposalStatus {
  const closing = events.find((e) => CLOSING[e.action]);
  return closing ? (CLOSING[closing.action] as ProposalStatus) : "open";
}

export async function proposalView(
  db: Database,
  loaded: { row: ProposalRow; events: AuditRow[] },
  now: Date,
): Promise<ProposalView> {
  const { row, events } = loaded;
  const submitted = events.find((e) => e.action === "proposal.submitted");
  const closing = events.find((e) => CLOSING[e.action]);
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    kind: row.kind,
    base_version: row.baseVersion,
    status: statusOf(events),
    proposed_by: submitted ? actor(submitted) : { key: row.createdBy, role: "unknown", name: null },
    created_at: row.createdAt.toISOString(),
    approvals: events
      .filter((e) => e.action === "proposal.approved")
      .map((e) => ({ ...actor(e), at: e.createdAt.toISOString() })),
    adopted_version:
      (events.find((e) => e.action === "proposal.adopted")?.detail as { version?: number })?.version ?? null,
    closed: closing
      ? {
          ...actor(closing),
          at: closing.createdAt.toISOString(),
          status: CLOSING[closing.action] as Exclude<ProposalStatus, "open">,
          reason: (closing.detail as { reason?: string }).reason ?? null,
        }
      : null,
    report: row.report as ProposalReport,
    shadow: await shadowView(db, row.id, events, now),
  };
}
