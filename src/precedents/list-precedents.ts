import { and, desc, eq } from "drizzle-orm";
import type { Services } from "../context.js";
import { precedents } from "../db/schema/index.js";

/** A norm's precedents, newest first (the facts they carry stay internal: they feed the reasoner's ranking). */
export async function listPrecedents(ctx: Services, community: string, normId: string) {
  const rows = await ctx.db
    .select()
    .from(precedents)
    .where(and(eq(precedents.communityId, community), eq(precedents.normId, normId)))
    .orderBy(desc(precedents.createdAt))
    .limit(200);
  return {
    data: rows.map(({ communityId: _c, facts: _f, ...p }) => ({ ...p, created_at: p.createdAt.toISOString() })),
  };
}
