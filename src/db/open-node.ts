import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { type Database, type DatabaseHandle, schema } from "./client.js";

const MIGRATIONS = fileURLToPath(new URL("../../migrations", import.meta.url));

export type DatabaseOptions =
  | { kind: "postgres"; url: string; poolSize: number }
  | { kind: "pglite"; dataDir?: string; loadDataDir?: Blob };

/**
 * Opens the database and applies the migrations (Node only: migrations are read
 * from migrations/). PGlite runs in this process on a data directory — or in
 * memory when none is given, as tests do; PostgreSQL is reached through postgres.js.
 */
export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.kind === "postgres") {
    const client = postgres(options.url, { max: options.poolSize, onnotice: () => {} });
    const db = drizzlePostgres({ client, schema });
    await migratePostgres(db, { migrationsFolder: MIGRATIONS });
    return { db: db as unknown as Database, kind: "postgres", close: () => client.end({ timeout: 5 }) };
  }
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
  const client = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  });
  const db = drizzlePglite({ client, schema });
  await migratePglite(db, { migrationsFolder: MIGRATIONS });
  return {
    db: db as unknown as Database,
    kind: "pglite",
    close: async () => {
      await client.close();
    },
  };
}
