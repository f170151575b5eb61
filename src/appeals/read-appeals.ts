import { and, desc, eq, lt, type SQL } from "drizzle-orm";
import type { Services } from "../context.js";
import { appeals } from "../db/schema/index.js";
import { MoresError } from "../domain/index.js";
import { decodeCursor, toPage } from "../lib/page.js";
import { appealView } from "./appeal-view.js";
import type { AppealState } from "./transition.js";

export async function getAppeal(ctx: Services, community: string, id: string) {
  const [row] = await ctx.db
    .select()
    .from(appeals)
    .where(and(eq(appeals.communityId, community), eq(appeals.id, id)));
  if (!row) throw new MoresError("appeal_not_found", `no appeal "${id}" in community "${community}"`);
  return appealView(row);
}

/** Appeals newest first, by state; the cursor is the last id seen (ids are time-ordered). */
export async function listAppeals(
  ctx: Services,
  community: string,
  q: { state?: AppealState; limit: number; cursor?: string },
) {
  const where: SQL[] = [eq(appeals.communityId, community)];
  if (q.state) where.push(eq(appeals.state, q.state));
  if (q.cursor) where.push(lt(appeals.id, decodeCursor(q.cursor, "apl")));
  const rows = await ctx.db
    .select()
    .from(appeals)
    .where(and(...where))
    .orderBy(desc(appeals.id))
    .limit(q.limit + 1);
  const { page, nextCursor } = toPage(rows, q.limit);
  return { data: page.map(appealView), next_cursor: nextCursor };
}
