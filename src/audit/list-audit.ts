import { and, desc, eq, lt } from "drizzle-orm";
import type { Services } from "../context.js";
import { auditEvents } from "../db/schema/index.js";
import { decodeCursor, toPage } from "../lib/page.js";

export type AuditEventView = {
  id: string;
  action: string;
  actor: { key: string; role: string; name: string | null };
  target: string | null;
  detail: Record<string, unknown>;
  at: string;
};

/** The community's audit log, newest first, optionally for one target (a proposal, a key). */
export async function listAudit(
  ctx: Services,
  community: string,
  q: { target?: string; limit: number; cursor?: string },
): Promise<{ data: AuditEventView[]; next_cursor: string | null }> {
  const where = [eq(auditEvents.communityId, community)];
  if (q.target) where.push(eq(auditEvents.target, q.target));
  if (q.cursor) where.push(lt(auditEvents.id, decodeCursor(q.cursor, "aud")));
  const rows = await ctx.db
    .select()
    .from(auditEvents)
    .where(and(...where))
    .orderBy(desc(auditEvents.id))
    .limit(q.limit + 1);
  const { page, nextCursor } = toPage(rows, q.limit);
  return {
    data: page.map((r) => ({
      id: r.id,
      action: r.action,
      actor: { key: r.actorKey, role: r.actorRole, name: r.actorName },
      target: r.target,
      detail: r.detail as Record<string, unknown>,
      at: r.createdAt.toISOString(),
    })),
    next_cursor: nextCursor,
  };
}
