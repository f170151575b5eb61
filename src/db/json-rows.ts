import { getTableColumns, getTableName, type SQL, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";

/**
 * Rows as ONE jsonb parameter expanded by jsonb_populate_recordset: a SQL
 * fragment usable as the source of an INSERT. Binding each value separately
 * (drizzle's multi-row insert) cost ~300 µs a ruling on the hot path, mostly in
 * building parameters; one JSON string costs a JSON.stringify.
 */
export function jsonRows<T extends PgTable>(table: T, rows: ReadonlyArray<T["$inferInsert"]>): SQL {
  const columns = Object.entries(getTableColumns(table)).map(([key, column]) => [key, column.name] as const);
  const records = rows.map((row) => {
    const out: Record<string, unknown> = {};
    for (const [key, name] of columns) {
      const v = (row as Record<string, unknown>)[key];
      if (v !== undefined) out[name] = v instanceof Date ? v.toISOString() : v;
    }
    return out;
  });
  return sql`select * from jsonb_populate_recordset(null::${tableName(table)}, ${JSON.stringify(records)}::jsonb)`;
}

export const tableName = (table: PgTable) => sql.raw(`"${getTableName(table)}"`);

/** postgres.js answers `execute` with an array of rows, PGlite with { rows }. */
export function resultRows<R>(result: unknown): R[] {
  return (Array.isArray(result) ? result : (result as { rows: R[] }).rows) as R[];
}
