import { type SQL, sql } from "drizzle-orm";
import { jsonRows, tableName } from "../db/json-rows.js";
import { rulingNorms } from "../db/schema/index.js";
import type { RulingRecord } from "./ruling-row.js";

/**
 * The CTE `outcomes` of a statement that inserts rulings: the records' outcomes, written only for the rulings its
 * CTE `inserted` returns (those actually inserted), so a ruling refused or skipped leaves no outcome behind.
 */
export function insertedOutcomes(records: ReadonlyArray<RulingRecord>): SQL {
  return sql`outcomes as (
    insert into ${tableName(rulingNorms)}
    select n.* from (${jsonRows(
      rulingNorms,
      records.flatMap((r) => r.norms),
    )}) n
    where n.ruling_id in (select id from inserted)
  )`;
}
