import { sql } from "drizzle-orm";
import type { Database } from "../../src/db/client.js";
import { resultRows } from "../../src/db/json-rows.js";

/**
 * The row count of every table in the database, in one query: what "a
 * rejected request wrote nothing" is checked against, for every table,
 * including ones added later.
 */
export async function tableCounts(db: Database): Promise<Record<string, number>> {
  const tables = resultRows<{ name: string }>(
    await db.execute(
      sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
    ),
  ).map((t) => t.name);
  const columns = tables.map((t) => `(select count(*)::int from "${t}") as "${t}"`).join(", ");
  const [row] = resultRows<Record<string, number>>(await db.execute(sql.raw(`select ${columns}`)));
  return row ?? {};
}
