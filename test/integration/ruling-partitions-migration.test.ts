import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Database } from "../../src/db/client.js";
import { resultRows } from "../../src/db/json-rows.js";
import { openDatabase } from "../../src/db/open-node.js";
import { newId } from "../../src/lib/ids.js";
import { repoPath } from "../helpers/packs.js";
import { freshDatabase } from "../support/backends.js";

/** The migrations as they stood before rulings were partitioned (0000–0009). */
function migrationsBeforePartitions(): string {
  const dir = mkdtempSync(join(tmpdir(), "mores-migrations-"));
  cpSync(repoPath("migrations"), dir, { recursive: true });
  const journalPath = join(dir, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: Array<{ tag: string }> };
  const at = journal.entries.findIndex((e) => e.tag === "0010_rulings_partitioned");
  journal.entries = journal.entries.slice(0, at);
  writeFileSync(journalPath, JSON.stringify(journal));
  return dir;
}

/** Rulings of two months (with outcomes), an appeal and a review event, written as 0009 stored them. */
async function oldData(db: Database) {
  const ids = [newId("rul", Date.parse("2025-03-02T08:00:00Z")), newId("rul", Date.now())];
  await db.execute(sql`insert into communities (id, name) values ('c1', 'One')`);
  for (const [i, id] of ids.entries()) {
    await db.execute(sql`insert into rulings (id, community_id, norm_set_version, decision, content_id, content_hash,
        request_hash, idempotency_key, facts, evidence, trace, origin, created_at, appeal_until, language)
      values (${id}, 'c1', 1, 'hide', ${`post-${i}`}, 'h', 'rh', ${`key-${i}`}, '{"a":1}', '[]', '{}', 'evaluation',
        ${new Date(i === 0 ? "2025-03-02T08:00:00Z" : Date.now()).toISOString()}::timestamptz, now(), 'en')`);
    await db.execute(sql`insert into ruling_norms (ruling_id, community_id, norm_id, norm_version, title, outcome,
        action, severity, position) values (${id}, 'c1', 'harassment', 1, 'No harassment', 'violated', 'hide', 'medium', 0)`);
  }
  await db.execute(sql`insert into appeals (id, community_id, ruling_id, state, grounds, request_hash, filed_at)
    values (${newId("apl")}, 'c1', ${ids[0]}, 'open', 'satire', 'h', now())`);
  await db.execute(sql`insert into review_events (id, community_id, ruling_id, type, moderator, created_at)
    values (${newId("rev")}, 'c1', ${ids[1]}, 'claimed', 'mod-1', now())`);
  return ids as [string, string];
}

const rows = async <R>(db: Database, q: ReturnType<typeof sql>) => resultRows<R>(await db.execute(q));

async function expectCarriedOver(db: Database, [march, now]: [string, string]) {
  const found = await rows<{ id: string; p: string; facts: unknown; language: string }>(
    db,
    sql`select id, tableoid::regclass::text as p, facts, language from rulings order by id`,
  );
  expect(found.map((r) => [r.id, r.p])).toEqual([
    [march, "rulings_p202503"],
    [now, `rulings_p${new Date().toISOString().slice(0, 7).replace("-", "")}`],
  ]);
  expect(found[0]).toMatchObject({ facts: { a: 1 }, language: "en" });
  const norms = await rows<{ n: number }>(db, sql`select count(*)::int as n from ruling_norms`);
  expect(norms[0]?.n).toBe(2);
  // The replay keys of the carried-over rulings are where the writer looks them up.
  const keys = await rows<{ id: string }>(
    db,
    sql`select ruling_id as id from ruling_replay_keys where idempotency_key is not null order by 1`,
  );
  expect(keys.map((k) => k.id)).toEqual([march, now]);
  // The foreign keys to rulings hold again: an appeal on an unknown ruling is refused.
  const refused = await db
    .execute(sql`insert into appeals (id, community_id, ruling_id, state, grounds, request_hash, filed_at)
      values ('apl_x', 'c1', 'rul_unknown', 'open', 'g', 'h', now())`)
    .then(
      () => "accepted",
      (e: Error & { cause?: { code?: string } }) => e.cause?.code ?? "error",
    );
  expect(refused).toBe("23503");
  // The replay keys are still unique within the month.
  const duplicate = await db
    .execute(sql`insert into rulings select ${newId("rul")}, community_id, norm_set_version, decision, content_id,
      content_kind, 'other', content_text, request_hash, idempotency_key, author, context, facts, evidence, trace,
      origin, supersedes, now(), appeal_until, status, language, labels from rulings where id = ${now}`)
    .then(
      () => "accepted",
      (e: Error & { cause?: { code?: string } }) => e.cause?.code ?? "error",
    );
  expect(duplicate).toBe("23505");
}

describe("the migration to monthly partitions carries every ruling over", () => {
  let folder: string;
  beforeAll(() => {
    folder = migrationsBeforePartitions();
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it("on PGlite", async () => {
    const client = await PGlite.create();
    const before = drizzlePglite({ client });
    await migratePglite(before, { migrationsFolder: folder });
    const ids = await oldData(before as unknown as Database);
    const dump = await client.dumpDataDir("none");
    await client.close();
    const handle = await openDatabase({ kind: "pglite", loadDataDir: dump });
    try {
      await expectCarriedOver(handle.db, ids);
    } finally {
      await handle.close();
    }
  });

  it.runIf(inject("postgresUrl"))("on PostgreSQL", async () => {
    const url = await freshDatabase(inject("postgresUrl") as string);
    const client = postgres(url, { max: 1, onnotice: () => {} });
    const before = drizzlePostgres({ client });
    await migratePostgres(before, { migrationsFolder: folder });
    const ids = await oldData(before as unknown as Database);
    await client.end();
    const handle = await openDatabase({ kind: "postgres", url, poolSize: 1 });
    try {
      await expectCarriedOver(handle.db, ids);
    } finally {
      await handle.close();
    }
  });
});
