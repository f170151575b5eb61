import { and, desc, eq, gte, inArray, lt, lte, type SQL } from "drizzle-orm";
import type { Services } from "../context.js";
import { rulingNorms, rulings } from "../db/schema/index.js";
import type { Decision, Ruling } from "../domain/index.js";
import { decodeCursor, toPage } from "../lib/page.js";
import { loadRulingRecord } from "./load-record.js";
import { rulingView } from "./ruling-view.js";

/** One ruling as the API shows it; ids of other communities answer as unknown ones do (ids are not an oracle). */
export async function getRuling(ctx: Services, community: string, id: string): Promise<Ruling> {
  const { row, norms } = await loadRulingRecord(ctx.db, community, id);
  return rulingView(row, norms);
}

export type RulingFilter = {
  decision?: Decision;
  norm?: string;
  since?: Date;
  until?: Date;
  limit: number;
  cursor?: string;
};

/**
 * Rulings newest first, filtered, with cursor pagination. Ids are time-ordered,
 * so the cursor is the last id seen and pages stay stable while new rulings arrive.
 */
export async function listRulings(ctx: Services, community: string, filter: RulingFilter) {
  const where: SQL[] = [eq(rulings.communityId, community)];
  if (filter.decision) where.push(eq(rulings.decision, filter.decision));
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
  const norms = page.length
    ? await ctx.db
        .select()
        .from(rulingNorms)
        .where(
          inArray(
            rulingNorms.rulingId,
            page.map((r) => r.id),
          ),
        )
    : [];
  return {
    data: page.map((r) =>
      rulingView(
        r,
        norms.filter((n) => n.rulingId === r.id),
      ),
    ),
    next_cursor: nextCursor,
  };
}
