import { getTableColumns, getTableName, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Database, Transaction } from "./client.js";

/**
 * Inserts many rows as ONE jsonb parameter expanded by jsonb_populate_recordset.
 * Binding each value separately (drizzle's multi-row insert) cost ~300 µs a
 * ruling on the hot path, mostly in building parameters; one JSON string costs
 * a JSON.stringify. Returns the `id`s actually inserted (conflicts are skipped).
 */
export async function insertJsonRows<T extends PgTable>(
  db: Database | Transaction,
  table: T,
  rows: ReadonlyArray<T["$inferInsert"]>,
  options: { onConflictDoNothing?: boolean; returningId?: boolean } = {},
): Promise<string[]> {
  if (rows.length === 0) return [];
  const columns = Object.entries(getTableColumns(table)).map(([key, column]) => [key, column.name] as const);
  const records = rows.map((row) => {
    const out: Record<string, unknown> = {};
    for (const [key, name] of columns) {
      const v = (row as Record<string, unknown>)[key];
      if (v !== undefined) out[name] = v instanceof Date ? v.toISOString() : v;
    }
    return out;
  });
  const name = sql.raw(`"${getTableName(table)}"`);
  const result = await db.execute(
    sql`insert into ${name} select * from jsonb_populate_recordset(null::${name}, ${JSON.stringify(records)}::jsonb)${
      options.onConflictDoNothing ? sql` on conflict do nothing` : sql``
    }${options.returningId ? sql` returning id` : sql``}`,
  );
  // postgres.js answers with an array of rows, PGlite with { rows }.
  const list = (Array.isArray(result) ? result : (result as unknown as { rows: unknown[] }).rows) as Array<{
    id: string;
  }>;
  return options.returningId ? list.map((r) => r.id) : [];
}
