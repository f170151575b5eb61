import type { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { inject } from "vitest";
import type { DatabaseHandle } from "../../src/db/client.js";
import { openDatabase } from "../../src/db/open-node.js";

/**
 * The databases every integration suite runs on: PGlite always, and a real
 * PostgreSQL when the global setup started one. Each `open()` is a fresh,
 * migrated database, so suites share no rows.
 */
export type Backend = { name: "pglite" | "postgres"; open(): Promise<DatabaseHandle> };

let template: Promise<Blob> | undefined;

/** Migrating PGlite from scratch takes seconds; cloning a migrated template's data dir is much faster. */
function pgliteTemplate(): Promise<Blob> {
  template ??= (async () => {
    const handle = await openDatabase({ kind: "pglite" });
    const client = (handle.db as unknown as { $client: PGlite }).$client;
    const dump = await client.dumpDataDir("none");
    await handle.close();
    return dump;
  })();
  return template;
}

let counter = 0;

export function backends(): Backend[] {
  const list: Backend[] = [
    { name: "pglite", open: async () => openDatabase({ kind: "pglite", loadDataDir: await pgliteTemplate() }) },
  ];
  const admin = inject("postgresUrl");
  if (admin) {
    list.push({
      name: "postgres",
      open: async () => openDatabase({ kind: "postgres", url: await migratedDatabase(admin), poolSize: 4 }),
    });
  }
  return list;
}

/** A new, empty database in the test cluster (a copy of `template`, PostgreSQL's empty one by default); its URL. */
export async function freshDatabase(admin: string, template = "template1"): Promise<string> {
  const name = `mores_test_${process.pid}_${Date.now()}_${counter++}`;
  const sql = postgres(admin, { max: 1, onnotice: () => {} });
  await sql.unsafe(`create database ${name} template ${template}`);
  await sql.end();
  return admin.replace(/\/postgres$/, `/${name}`);
}

let migrated: Promise<string> | undefined;

/**
 * A new database with every migration applied: a copy of one this worker
 * migrated once (its name), as PGlite copies its template's data dir. Opening
 * it still runs the migrator, which finds nothing to do. The suites that test
 * migrating an empty database (`mores db setup`) use `freshDatabase`.
 */
export async function migratedDatabase(admin: string): Promise<string> {
  migrated ??= (async () => {
    const url = await freshDatabase(admin);
    const handle = await openDatabase({ kind: "postgres", url, poolSize: 1 });
    await handle.close();
    return new URL(url).pathname.slice(1);
  })();
  return freshDatabase(admin, await migrated);
}
