import { and, eq } from "drizzle-orm";
import type { Database, Transaction } from "../db/client.js";
import { rulingNorms, rulings } from "../db/schema/index.js";
import { MoresError } from "../domain/index.js";
import type { RulingRecord } from "./ruling-row.js";

/** A ruling of the community with its outcomes; 404 if it is not there (or belongs to another community). */
export async function loadRulingRecord(
  db: Database | Transaction,
  community: string,
  id: string,
): Promise<RulingRecord> {
  const [row] = await db
    .select()
    .from(rulings)
    .where(and(eq(rulings.communityId, community), eq(rulings.id, id)));
  if (!row) throw new MoresError("ruling_not_found", `no ruling "${id}" in community "${community}"`);
  const norms = await db.select().from(rulingNorms).where(eq(rulingNorms.rulingId, id));
  return { row, norms: norms.sort((a, b) => a.position - b.position) };
}

/** The ruling that supersedes this one, if any. */
export async function supersededBy(db: Database | Transaction, id: string): Promise<string | null> {
  const [next] = await db.select({ id: rulings.id }).from(rulings).where(eq(rulings.supersedes, id)).limit(1);
  return next?.id ?? null;
}
