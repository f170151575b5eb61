import { type Column, getTableColumns, getTableName, type SQL, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";

/** A table's columns as [property, column name, whether it is `json`, the column]. */
type Columns = ReadonlyArray<readonly [string, string, boolean, Column]>;
/**
 * Read from drizzle once per table: every column; those that are not `json`; the `json` ones, which insertRows sends
 * apart; the name of a `json` column with a mapping of its own (schema/columns.ts' storedFacts), whose values only
 * insertRows sends; and the fixed text of insertRows' statement (see there), the same for every flush.
 */
type TableColumns = {
  all: Columns;
  plain: Columns;
  json: Columns;
  mapped: string | undefined;
  insert: { names: SQL; values: SQL; aliases: SQL };
};
const columnsByTable = new WeakMap<PgTable, TableColumns>();

function columnsOf(table: PgTable): TableColumns {
  let columns = columnsByTable.get(table);
  if (!columns) {
    const all = Object.entries(getTableColumns(table)).map(
      ([key, column]) => [key, column.name, column.getSQLType() === "json", column] as const,
    );
    columns = {
      all,
      plain: all.filter(([, , json]) => !json),
      json: all.filter(([, , json]) => json),
      mapped: all.find(([, , , column]) => column.columnType === "PgCustomColumn")?.[1],
      insert: {
        names: sql.raw(all.map(([, name]) => `"${name}"`).join(", ")),
        // A JSON null from the array is the SQL NULL it stood for (json_typeof reads only the first token).
        values: sql.raw(
          all
            .map(([, name, json], i) =>
              json ? `case when json_typeof(j${i}) = 'null' then null else j${i} end as "${name}"` : `"${name}"`,
            )
            .join(", "),
        ),
        aliases: sql.raw(all.flatMap(([, , json], i) => (json ? [`j${i}`] : [])).join(", ")),
      },
    };
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
export function rowsJson<T extends PgTable>(
  table: T,
  rows: ReadonlyArray<T["$inferInsert"]>,
  /** Leave out the `json` columns (insertRows sends them apart). */
  withoutJson = false,
): string {
  const { all, plain, mapped } = columnsOf(table);
  // Inside the rows' object its values would go unmapped; insertRows sends such a column apart.
  if (!withoutJson && mapped) throw new Error(`rowsJson: column ${mapped} maps its values; insert with insertRows`);
  const columns = withoutJson ? plain : all;
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

/**
 * The values of one `json` column of the rows as a JSON array, each as the column sends it (its own JSON text, so a
 * column that stores its values in a form of its own is written in that form), undefined as null.
 */
function columnJson(rows: ReadonlyArray<Record<string, unknown>>, key: string, column: Column): string {
  let json = "[";
  for (let r = 0; r < rows.length; r++) {
    const v = (rows[r] as Record<string, unknown>)[key];
    if (r > 0) json += ",";
    json += v === undefined || v === null ? "null" : (column.mapToDriverValue(v) as string);
  }
  return `${json}]`;
}

/**
 * `insert into <table> (<columns>) select …` of the rows. A table without `json` columns gets `jsonRows`. A table
 * with them (rulings: facts, evidence, trace…) gets each `json` column as its own JSON array, split by
 * json_array_elements and zipped to the other columns with ROWS FROM: its values reach the column as the text sent,
 * lexed once. Inside the one object json_populate_recordset reads they were lexed twice (there, with every
 * string unescaped; then again as a `json` value), ~15% of PostgreSQL's CPU per ruling.
 */
export function insertRows<T extends PgTable>(table: T, rows: ReadonlyArray<T["$inferInsert"]>): SQL {
  const { json, insert } = columnsOf(table);
  // No column list here: json_populate_recordset gives the columns in the database's order, which is not always
  // the schema's (a column added by a later migration comes last).
  if (json.length === 0) return sql`insert into ${tableName(table)} ${jsonRows(table, rows)}`;
  return sql`insert into ${tableName(table)} (${insert.names}) ${rowsSelect(table, rows)}`;
}

/**
 * The `select` insertRows inserts, for a statement that filters or computes some of the rows' values first: one
 * row of `table`'s columns per row, each named as its column. Read them by name (see columnNames): for a table
 * without `json` columns they come in the database's order.
 */
export function rowsSelect<T extends PgTable>(table: T, rows: ReadonlyArray<T["$inferInsert"]>): SQL {
  const { json, insert } = columnsOf(table);
  if (json.length === 0) return jsonRows(table, rows);
  const records = rows as ReadonlyArray<Record<string, unknown>>;
  const { values, aliases } = insert;
  const sources = json.map(([key, , , column]) => sql`json_array_elements(${columnJson(records, key, column)}::json)`);
  return sql`select ${values} from rows from (${sql.join(sources, sql`, `)}, json_populate_recordset(null::${tableName(table)}, ${rowsJson(table, rows, true)}::json)) as t(${aliases})`;
}

/** The names of `table`'s columns, in the schema's order. */
export const columnNames = (table: PgTable): string[] => columnsOf(table).all.map(([, name]) => name);
