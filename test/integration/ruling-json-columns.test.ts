import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { inArray, sql } from "drizzle-orm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { parse } from "yaml";
import type { Database, DatabaseHandle } from "../../src/db/client.js";
import { resultRows } from "../../src/db/json-rows.js";
import { openDatabase } from "../../src/db/open-node.js";
import { rulingNorms, rulings } from "../../src/db/schema/index.js";
import { toStoredFacts } from "../../src/db/stored-facts.js";
import type { RulingRecord } from "../../src/rulings/ruling-row.js";
import { RulingWriter } from "../../src/rulings/ruling-writer.js";
import { repoPath } from "../helpers/packs.js";
import { type Backend, backends, freshDatabase } from "../support/backends.js";
import { startService, type TestService } from "../support/service.js";

/**
 * Migration 0012 stores a ruling's JSON values as `json` (kept as written) instead of `jsonb`, and the writer sends
 * them as one `json` parameter. What a reader gets must not change: the same values whether answered, read back
 * (GET), or recorded before the migration and carried over by it. Key order within an object may differ (jsonb
 * sorted keys); JSON objects are unordered, so the checks compare values, not text.
 */
const REQUESTS = parse(readFileSync(repoPath("test/fixtures/ruling-json-values.yaml"), "utf8")) as object[];
const C = "/v1/communities/default";

/** The migrations as they stood before 0012. */
function migrationsBefore0012(): string {
  const dir = mkdtempSync(join(tmpdir(), "mores-migrations-"));
  cpSync(repoPath("migrations"), dir, { recursive: true });
  const journalPath = join(dir, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: Array<{ tag: string }> };
  journal.entries = journal.entries.slice(
    0,
    journal.entries.findIndex((e) => e.tag === "0012_ruling_json_columns"),
  );
  writeFileSync(journalPath, JSON.stringify(journal));
  return dir;
}

/** A database of `backend` migrated to 0011 and then handed to `fill`, reopened with every migration applied. */
async function migratedAfter(backend: Backend["name"], folder: string, fill: (db: Database) => Promise<void>) {
  if (backend === "pglite") {
    const client = await PGlite.create();
    const before = drizzlePglite({ client });
    await migratePglite(before, { migrationsFolder: folder });
    await fill(before as unknown as Database);
    const dump = await client.dumpDataDir("none");
    await client.close();
    return openDatabase({ kind: "pglite", loadDataDir: dump });
  }
  const url = await freshDatabase(inject("postgresUrl") as string);
  const client = postgres(url, { max: 1, onnotice: () => {} });
  await migratePostgres(drizzlePostgres({ client }), { migrationsFolder: folder });
  await fill(drizzlePostgres({ client }) as unknown as Database);
  await client.end();
  return openDatabase({ kind: "postgres", url, poolSize: 2 });
}

async function recordsOf(db: Database, ids: string[]): Promise<RulingRecord[]> {
  const rows = await db.select().from(rulings).where(inArray(rulings.id, ids)).orderBy(rulings.id);
  const norms = await db
    .select()
    .from(rulingNorms)
    .where(inArray(rulingNorms.rulingId, ids))
    .orderBy(rulingNorms.rulingId, rulingNorms.position);
  return rows.map((row) => ({ row, norms: norms.filter((n) => n.rulingId === row.id) }));
}

describe.each(backends())("a ruling's JSON values on $name", (backend) => {
  let svc: TestService;
  let folder: string;
  const answered: Array<{ id: string; facts?: Record<string, unknown> }> = [];
  beforeAll(async () => {
    folder = migrationsBefore0012();
    svc = await startService(backend);
    for (const body of REQUESTS) {
      const res = await svc.post(`${C}/moderate`, body);
      expect(res.status).toBe(201);
      answered.push((await res.json()) as { id: string });
    }
  });
  afterAll(async () => {
    rmSync(folder, { recursive: true, force: true });
    await svc?.close();
  });

  it("GET of each ruling returns what the moderation answered, facts, evidence and trace included", async () => {
    for (const ruling of answered) {
      const res = await svc.get(`${C}/rulings/${ruling.id}`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual(ruling);
    }
    expect(answered.some((r) => (r as { evidence?: unknown[] }).evidence?.length)).toBe(true);
  });

  it("keeps each ruling's facts in their stored form (their layout and the facts that are not empty), smaller", async () => {
    const stored = resultRows<{ id: string; facts: string }>(
      await svc.service.services.db.execute(sql`select id, facts::text as facts from rulings`),
    );
    for (const ruling of answered) {
      const facts = ruling.facts ?? {};
      const row = stored.find((r) => r.id === ruling.id);
      expect(JSON.parse(row?.facts ?? "null")).toEqual(toStoredFacts(facts));
      expect(row?.facts.length).toBeLessThan(JSON.stringify(facts).length / 2);
    }
  });

  it("a value the request left out is SQL NULL in its column, not a JSON null", async () => {
    const nulls = resultRows<{ author: number; context: number }>(
      await svc.service.services.db.execute(sql`select count(*) filter (where author is null)::int as author,
        count(*) filter (where context is null)::int as context from rulings`),
    );
    const without = (key: string) => REQUESTS.filter((r) => !(key in r)).length;
    expect(nulls).toEqual([{ author: without("author"), context: without("context") }]);
  });

  it("rulings recorded before migration 0012 read back the same after it, and it leaves json columns", async () => {
    const originals = await recordsOf(
      svc.service.services.db,
      answered.map((r) => r.id),
    );
    let handle: DatabaseHandle | undefined;
    try {
      handle = await migratedAfter(backend.name, folder, async (db) => {
        await db.execute(sql`insert into communities (id, name) values ('default', 'Default')`);
        const writer = new RulingWriter(db, { maxBatch: 50, maxInFlight: 1 });
        await Promise.all(originals.map((r) => writer.save(structuredClone(r))));
      });
      expect(
        await recordsOf(
          handle.db,
          originals.map((r) => r.row.id),
        ),
      ).toEqual(originals);
      const types = resultRows<{ t: string }>(
        await handle.db.execute(sql`select distinct format_type(a.atttypid, a.atttypmod) as t from pg_attribute a
          join pg_class c on c.oid = a.attrelid where (c.relname = 'rulings' or c.relname like 'rulings_p%')
          and a.attname in ('facts', 'evidence', 'trace', 'author', 'context', 'labels')`),
      );
      expect(types.map((t) => t.t)).toEqual(["json"]);
    } finally {
      await handle?.close();
    }
  }, 60_000);
});
