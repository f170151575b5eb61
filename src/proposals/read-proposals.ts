import { and, asc, desc, eq, inArray, lt } from "drizzle-orm";
import type { Services } from "../context.js";
import { auditEvents, proposals } from "../db/schema/index.js";
import type { ProposalStatus } from "../domain/index.js";
import { decodeCursor, encodeCursor } from "../lib/page.js";
import { loadProposal, type ProposalView, proposalView, statusOf } from "./proposal-view.js";

export async function getProposal(ctx: Services, community: string, id: string): Promise<ProposalView> {
  return proposalView(ctx.db, await loadProposal(ctx.db, community, id), ctx.clock());
}

export type ProposalSummary = Pick<ProposalView, "id" | "title" | "kind" | "base_version" | "status" | "created_at"> & {
  adoptable: boolean;
  proposed_by: string;
};

/** The community's proposals, newest first, optionally by status. */
export async function listProposals(
  ctx: Services,
  community: string,
  q: { status?: ProposalStatus; limit: number; cursor?: string },
): Promise<{ data: ProposalSummary[]; next_cursor: string | null }> {
  const data: ProposalSummary[] = [];
  let after = q.cursor ? decodeCursor(q.cursor, "prp") : undefined;
  // Status is derived from the audit log, so a status filter reads on until the page is full.
  for (;;) {
    const where = [eq(proposals.communityId, community)];
    if (after) where.push(lt(proposals.id, after));
    const rows = await ctx.db
      .select({
        id: proposals.id,
        title: proposals.title,
        kind: proposals.kind,
        baseVersion: proposals.baseVersion,
        adoptable: proposals.adoptable,
        createdBy: proposals.createdBy,
        createdAt: proposals.createdAt,
      })
      .from(proposals)
      .where(and(...where))
      .orderBy(desc(proposals.id))
      .limit(q.limit + 1);
    const page = rows.slice(0, q.limit);
    const more = rows.length > q.limit;
    // One query for the whole page's events: status is derived from them.
    const events = page.length
      ? await ctx.db
          .select()
          .from(auditEvents)
          .where(
            and(
              eq(auditEvents.communityId, community),
              inArray(
                auditEvents.target,
                page.map((r) => r.id),
              ),
            ),
          )
          .orderBy(asc(auditEvents.id))
      : [];
    for (const r of page) {
      const status = statusOf(events.filter((e) => e.target === r.id));
      if (q.status && status !== q.status) continue;
      data.push({
        id: r.id,
        title: r.title,
        kind: r.kind,
        base_version: r.baseVersion,
        status,
        adoptable: r.adoptable,
        proposed_by: r.createdBy,
        created_at: r.createdAt.toISOString(),
      });
      if (data.length === q.limit) return { data, next_cursor: encodeCursor(r.id) };
    }
    const last = page[page.length - 1];
    if (!more || !last) return { data, next_cursor: null };
    after = last.id;
  }
}
