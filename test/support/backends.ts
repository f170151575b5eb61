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
      open: async () => openDatabase({ kind: "postgres", url: await freshDatabase(admin), poolSize: 4 }),
    });
  }
  return list;
}

/** A new, empty database in the test cluster; its URL. */
export async function freshDatabase(admin: string): Promise<string> {
  const name = `mores_test_${process.pid}_${Date.now()}_${counter++}`;
  const sql = postgres(admin, { max: 1, onnotice: () => {} });
  await sql.unsafe(`create database ${name}`);
  await sql.end();
  return admin.replace(/\/postgres$/, `/${name}`);
}
