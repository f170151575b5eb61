import { getTableColumns, getTableName, type SQL, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";

/** Each table's columns as [property, column name], read from drizzle once per table, not once per flush. */
const columnsByTable = new WeakMap<PgTable, ReadonlyArray<readonly [string, string]>>();

function columnsOf(table: PgTable): ReadonlyArray<readonly [string, string]> {
  let columns = columnsByTable.get(table);
  if (!columns) {
    columns = Object.entries(getTableColumns(table)).map(([key, column]) => [key, column.name] as const);
    columnsByTable.set(table, columns);
  }
  return columns;
}

/**
 * The rows as the JSON array `jsonRows` sends: an object per row keyed by column name, undefined properties left
 * out (JSON.stringify drops them), dates as ISO strings. Every copy gets every column in the same order, so all
 * share one shape and one JSON.stringify serialises them fast; copies that skipped their undefined columns each
 * had a shape of their own, and cost more than the serialisation.
 */
export function rowsJson<T extends PgTable>(table: T, rows: ReadonlyArray<T["$inferInsert"]>): string {
  const columns = columnsOf(table);
  const records = new Array<Record<string, unknown>>(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [key, name] of columns) {
      const v = row[key];
      out[name] = v instanceof Date ? v.toISOString() : v;
    }
    records[r] = out;
  }
  return JSON.stringify(records);
}

/**
 * Rows as ONE json parameter expanded by json_populate_recordset: a SQL
 * fragment usable as the source of an INSERT. Binding each value separately
 * (drizzle's multi-row insert) cost ~300 µs a ruling on the hot path, mostly in
 * building parameters; one JSON string costs a JSON.stringify. `json`, not
 * `jsonb`: PostgreSQL then only checks the text, and hands a `json` column its
 * value as sent; parsing all of it into jsonb first was ~20% of its CPU a ruling
 * (a `jsonb` column still parses its own value).
 */
export function jsonRows<T extends PgTable>(table: T, rows: ReadonlyArray<T["$inferInsert"]>): SQL {
  return sql`select * from json_populate_recordset(null::${tableName(table)}, ${rowsJson(table, rows)}::json)`;
}

export const tableName = (table: PgTable) => sql.raw(`"${getTableName(table)}"`);

/** postgres.js answers `execute` with an array of rows, PGlite with { rows }. */
export function resultRows<R>(result: unknown): R[] {
  return (Array.isArray(result) ? result : (result as { rows: R[] }).rows) as R[];
}
