import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { postgresTarget } from "../lib/postgres-url.js";
import { type Database, type DatabaseHandle, schema } from "./client.js";
import { initialiseFromTemplate } from "./pglite-template.js";
import { type PostgresLimits, postgresOptions } from "./postgres-options.js";

const MIGRATIONS = fileURLToPath(new URL("../../migrations", import.meta.url));

export type DatabaseOptions =
  | ({ kind: "postgres"; url: string; poolSize: number } & Partial<PostgresLimits>)
  | { kind: "pglite"; dataDir?: string; loadDataDir?: Blob };

/**
 * Opens the database and applies the migrations (Node only: migrations are read
 * from migrations/). PGlite runs in this process on a data directory — or in
 * memory when none is given, as tests do; PostgreSQL is reached through postgres.js.
 */
export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.kind === "postgres") {
    await migrateWith(options.url);
    const limits = {
      connectTimeoutMs: options.connectTimeoutMs ?? DEFAULT_LIMITS.connectTimeoutMs,
      statementTimeoutMs: options.statementTimeoutMs ?? DEFAULT_LIMITS.statementTimeoutMs,
    };
    const client = connectPostgres(options.url, postgresOptions(limits, options.poolSize));
    const db = drizzlePostgres({ client, schema });
    return { db: db as unknown as Database, kind: "postgres", close: () => client.end({ timeout: 5 }) };
  }
  if (options.dataDir) {
    await mkdir(options.dataDir, { recursive: true });
    if (!options.loadDataDir) initialiseFromTemplate(options.dataDir);
  }
  const client = await PGlite.create({
    startParams: PGLITE_START,
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

/**
 * PGlite runs PostgreSQL's defaults, whose 128 MB of shared buffers all become resident in this process (the
 * WebAssembly heap): 16 MB halves the idle footprint, and an embedded database of one community's rulings
 * reads the rest through the OS page cache.
 */
const PGLITE_START = [...PGlite.defaultStartParams, "-c", "shared_buffers=16MB"];

/** The same defaults as the configuration's, for callers (tests, CLI) that open a database directly. */
const DEFAULT_LIMITS: PostgresLimits = { connectTimeoutMs: 2000, statementTimeoutMs: 5000 };

/**
 * postgres.js on `url`, with libpq's connection parameters in its query (`?host=/directory`, `?host=…&port=…`) read
 * as libpq reads them: both clients go through here.
 */
function connectPostgres(url: string, options: postgres.Options<Record<string, never>>) {
  const target = postgresTarget(url);
  return postgres(target.url, { ...options, ...target.options });
}

/** Migrations use their own connection, without the statement timeout: one may rightly take longer. */
async function migrateWith(url: string) {
  const client = connectPostgres(url, { max: 1, onnotice: () => {} });
  try {
    await migratePostgres(drizzlePostgres({ client, schema }), { migrationsFolder: MIGRATIONS });
  } finally {
    await client.end({ timeout: 5 });
  }
}
