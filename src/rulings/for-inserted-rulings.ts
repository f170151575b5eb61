import { type SQL, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { jsonRows, tableName } from "../db/json-rows.js";
import { rulingNorms } from "../db/schema/index.js";
import type { RulingRecord } from "./ruling-row.js";

/**
 * The CTE `name` of a statement that inserts rulings: `rows` of `table` (one with a `ruling_id`, such as the
 * outcomes or the pending judgments), written only for the rulings its CTE `inserted` returns (those actually
 * inserted), so a ruling refused or skipped leaves nothing of its own behind.
 */
export function forInsertedRulings<T extends PgTable>(
  name: "outcomes" | "pending",
  table: T,
  rows: ReadonlyArray<T["$inferInsert"]>,
): SQL {
  return sql`${sql.raw(name)} as (
    insert into ${tableName(table)}
    select r.* from (${jsonRows(table, rows)}) r
    where r.ruling_id in (select id from inserted)
  )`;
}

/** The CTE `outcomes`: the records' engaged norms, for those of the records actually inserted. */
export const insertedOutcomes = (records: ReadonlyArray<RulingRecord>): SQL =>
  forInsertedRulings(
    "outcomes",
    rulingNorms,
    records.flatMap((r) => r.norms),
  );
