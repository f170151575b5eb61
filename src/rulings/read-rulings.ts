import { and, desc, eq, gte, inArray, lt, lte, notExists, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Services } from "../context.js";
import { rulingNorms, rulings } from "../db/schema/index.js";
import { type Decision, MoresError, type Ruling } from "../domain/index.js";
import { decodeCursor, toPage } from "../lib/page.js";
import { loadRulingRecord, supersededBy } from "./load-record.js";
import type { RulingRow } from "./ruling-row.js";
import { rulingView } from "./ruling-view.js";

/** One ruling as the API shows it; ids of other communities answer as unknown ones do (ids are not an oracle). */
export async function getRuling(ctx: Services, community: string, id: string): Promise<Ruling> {
  const { row, norms } = await loadRulingRecord(ctx.db, community, id);
  return rulingView(row, norms, await supersededBy(ctx.db, id));
}

export type RulingFilter = {
  decision?: Decision;
  norm?: string;
  contentId?: string;
  since?: Date;
  until?: Date;
  limit: number;
  cursor?: string;
};

/** Rows as the API shows them: each with its outcomes and the ruling that superseded it, in two queries. */
async function views(ctx: Services, page: RulingRow[]): Promise<Ruling[]> {
  if (page.length === 0) return [];
  const ids = page.map((r) => r.id);
  const norms = await ctx.db.select().from(rulingNorms).where(inArray(rulingNorms.rulingId, ids));
  const next = await ctx.db
    .select({ id: rulings.id, supersedes: rulings.supersedes })
    .from(rulings)
    .where(inArray(rulings.supersedes, ids));
  return page.map((r) =>
    rulingView(
      r,
      norms.filter((n) => n.rulingId === r.id),
      next.find((s) => s.supersedes === r.id)?.id ?? null,
    ),
  );
}

/**
 * Rulings newest first, filtered, with cursor pagination. Ids are time-ordered,
 * so the cursor is the last id seen and pages stay stable while new rulings arrive.
 */
export async function listRulings(ctx: Services, community: string, filter: RulingFilter) {
  const where: SQL[] = [eq(rulings.communityId, community)];
  if (filter.decision) where.push(eq(rulings.decision, filter.decision));
  if (filter.contentId !== undefined) where.push(eq(rulings.contentId, filter.contentId));
  if (filter.since) where.push(gte(rulings.createdAt, filter.since));
  if (filter.until) where.push(lte(rulings.createdAt, filter.until));
  if (filter.cursor) where.push(lt(rulings.id, decodeCursor(filter.cursor, "rul")));
  if (filter.norm) {
    const engaged = ctx.db
      .select({ id: rulingNorms.rulingId })
      .from(rulingNorms)
      .where(and(eq(rulingNorms.communityId, community), eq(rulingNorms.normId, filter.norm)));
    where.push(inArray(rulings.id, engaged));
  }
  const rows = await ctx.db
    .select()
    .from(rulings)
    .where(and(...where))
    .orderBy(desc(rulings.id))
    .limit(filter.limit + 1);
  const { page, nextCursor } = toPage(rows, filter.limit);
  return { data: await views(ctx, page), next_cursor: nextCursor };
}

/**
 * The ruling in force for a content id: the newest that nothing superseded
 * (an edit, a review or an appeal each append one that supersedes the last).
 */
export async function currentRuling(ctx: Services, community: string, contentId: string): Promise<Ruling> {
  const later = alias(rulings, "later");
  const [row] = await ctx.db
    .select()
    .from(rulings)
    .where(
      and(
        eq(rulings.communityId, community),
        eq(rulings.contentId, contentId),
        notExists(ctx.db.select({ id: later.id }).from(later).where(eq(later.supersedes, rulings.id))),
      ),
    )
    .orderBy(desc(rulings.id))
    .limit(1);
  if (!row)
    throw new MoresError("ruling_not_found", `no ruling for content "${contentId}" in community "${community}"`);
  return (await views(ctx, [row]))[0] as Ruling;
}
