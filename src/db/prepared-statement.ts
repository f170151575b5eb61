import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Database } from "./client.js";
import { resultRows } from "./json-rows.js";

const dialect = new PgDialect();

type PostgresJsClient = {
  unsafe(text: string, params: unknown[], options: { prepare: boolean }): Promise<unknown[]>;
};

/**
 * Runs a hot statement whose text stays the same from call to call (its data in parameters). With
 * `prepared`, on postgres.js, as a named prepared statement: PostgreSQL parses and plans it once per
 * connection instead of on every call (drizzle's `execute` sends raw SQL unnamed, so it is planned each
 * time). Without it (PGlite in this process, or a pooler that does not keep a session's statements), the
 * same SQL goes through drizzle as usual.
 */
export async function executeStatement<R>(db: Database, query: SQL, prepared: boolean): Promise<R[]> {
  const client = (db as unknown as { $client?: Partial<PostgresJsClient> }).$client;
  if (!prepared || typeof client?.unsafe !== "function") return resultRows<R>(await db.execute(query));
  const { sql: text, params } = dialect.sqlToQuery(query);
  return (await (client as PostgresJsClient).unsafe(text, params, { prepare: true })) as R[];
}
