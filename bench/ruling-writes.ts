/**
 * npx tsx bench/ruling-writes.ts [rulings=20000 writers=16 samples=600 a=FILE b=FILE perf=FILE] — what one
 * durable ruling costs to write, alone: no HTTP, no evaluation. On a throwaway PostgreSQL with its defaults (fsync,
 * synchronous_commit and full_page_writes on), mores (`npm start`'s build) first records `samples` rulings of the
 * bench corpus; that database is copied as `b`, and the SQL of `a` and `b` (a schema change to try before it
 * becomes a migration) is applied to each. Then the real group-commit writer, as the service runs it (500 a flush
 * at most, 4 flushes in flight, a pool of 16, `writers` submitters: 16 gives the ~15 rulings a commit `npm run
 * bench` sees), writes fresh copies of the samples to A and B in alternating rounds of 2,000, so both sides share
 * whatever else the machine runs. Prints, per side: CPU per ruling of PostgreSQL (the postmaster and every
 * process under it) and of this process (rows to JSON, drizzle, postgres.js), WAL bytes and rulings per commit,
 * and table bytes per ruling. Without a or b the two sides are the same: the spread between them is the noise.
 * `ids=1` gives every ruling a content id of its own, so each flush first looks its ids up (replays, edits).
 * `profile=N` prints the top N of a V8 CPU profile of this process (the client's side) during the measured rounds.
 * `wholeFacts=a` (or `b`) has that side write each ruling's facts whole, as before their stored form
 * (src/db/stored-facts.ts); run it both ways, as the sides differ a little by themselves.
 */
import { spawn } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import postgres from "postgres";
import type { Database } from "../src/db/client.js";
import { openDatabase } from "../src/db/open-node.js";
import { rulingNorms, rulings } from "../src/db/schema/index.js";
import { toStoredFacts } from "../src/db/stored-facts.js";
import { newId } from "../src/lib/ids.js";
import type { RulingRecord } from "../src/rulings/ruling-row.js";
import { RulingWriter } from "../src/rulings/ruling-writer.js";
import { freePort } from "../test/support/free-port.js";
import { startPgCluster } from "../test/support/pg-cluster.js";
import { TEST_WEBHOOK_ENV } from "../test/support/service.js";
import { readCorpus } from "./corpus.js";
import { cpuSeconds, postmasterPid } from "./proc-stats.js";
import { startProfiler, summariseProfile } from "./profile-summary.js";
import { OPERATOR_KEY, startMores, stop } from "./serve.js";

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.split("=") as [string, string]));
const RULINGS = Number(args.rulings ?? 20_000);
const WRITERS = Number(args.writers ?? 16);
const SAMPLES = Number(args.samples ?? 600);
const CONTENT_IDS = args.ids === "1";
const ROUND = 2_000;

const cluster = await startPgCluster({ durable: true });
if (!cluster) throw new Error("PostgreSQL binaries not found (/usr/lib/postgresql/*/bin)");
const postmaster = postmasterPid(cluster.dataDir);
const urlOf = (db: string) => cluster.url.replace(/\/postgres$/, `/${db}`);
const admin = postgres(urlOf("template1"), { max: 1, onnotice: () => {} });
try {
  await admin.unsafe("create database a");
  // Real rulings of the bench corpus, as the service records them from wrk's bodies.
  const port = await freePort();
  const mores = await startMores(port, { DATABASE_URL: urlOf("a"), MORES_WORKERS: "1", ...TEST_WEBHOOK_ENV });
  const corpus = readCorpus();
  const step = Math.max(1, Math.floor(corpus.length / SAMPLES));
  for (let i = 0; i < corpus.length && i / step < SAMPLES; i += step) {
    const res = await fetch(`http://127.0.0.1:${port}/v1/communities/default/moderate`, {
      method: "POST",
      headers: { authorization: `Bearer ${OPERATOR_KEY}`, "content-type": "application/json" },
      body: JSON.stringify(corpus[i]),
    });
    if (!res.ok) throw new Error(`moderate: ${res.status} ${await res.text()}`);
  }
  await stop(mores);
  await admin.unsafe("create database b template a");
  const sides = await Promise.all(["a", "b"].map((name) => side(name, args[name])));
  const templates = await samples(sides[0]?.db as Database);
  console.log(JSON.stringify({ json_chars_per_ruling: jsonChars(templates) }));
  const fresh = (i: number): RulingRecord => {
    const { row, norms } = templates[i % templates.length] as RulingRecord;
    const now = new Date();
    const id = newId("rul", now.getTime());
    // ids=1: each copy carries a content id of its own, as a platform's posts do (the writer then looks it up first).
    const contentId = CONTENT_IDS ? `post-${id}` : row.contentId;
    return { row: { ...row, id, contentId, createdAt: now }, norms: norms.map((n) => ({ ...n, rulingId: id })) };
  };
  const facts = rulings.facts as unknown as { mapToDriverValue: (v: unknown) => unknown };
  const storedForm = facts.mapToDriverValue.bind(facts);
  const write = async (writer: RulingWriter, count: number) => {
    let next = 0;
    // The sides write one after the other, so the mapping can be the writing side's.
    facts.mapToDriverValue =
      writer === sides.find((s) => s.name === args.wholeFacts)?.writer ? (v: unknown) => JSON.stringify(v) : storedForm;
    await Promise.all(
      Array.from({ length: WRITERS }, async () => {
        while (next < count) await writer.save(fresh(next++));
      }),
    );
  };
  for (const s of sides) await write(s.writer, ROUND); // warm-up: JIT, prepared statements, the month's pages
  await admin`checkpoint`;
  // perf=FILE: a CPU profile of PostgreSQL's processes during the measured writes (`perf report -i FILE`).
  const perf = args.perf ? profilePostgres(postmaster, args.perf) : undefined;
  const profiler = args.profile ? await startProfiler() : undefined;
  for (let round = 0; round < RULINGS / ROUND; round++)
    for (const s of round % 2 === 0 ? sides : [...sides].reverse()) {
      const w0 = await wal();
      const pg0 = cpuSeconds(postmaster);
      const me0 = process.cpuUsage();
      await write(s.writer, ROUND);
      const me = process.cpuUsage(me0);
      s.pg += cpuSeconds(postmaster) - pg0;
      s.client += (me.user + me.system) / 1e6;
      s.clientSystem += me.system / 1e6;
      const w1 = await wal();
      s.walBytes += w1.bytes - w0.bytes;
      s.commits += w1.commits - w0.commits;
      s.written += ROUND;
    }
  if (perf) await new Promise((done) => perf.once("exit", done).kill("SIGINT"));
  if (profiler) {
    const { profile } = await profiler.post("Profiler.stop");
    summariseProfile(profile, Number(args.profile));
    if (args.profileFile) writeFileSync(args.profileFile, JSON.stringify(profile));
  }
  for (const s of sides) {
    const [size] = await s.sql<[{ total: string; n: number }]>`
      select sum(pg_total_relation_size(c.oid))::text as total, (select count(*)::int from rulings) as n
      from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = 'rulings'::regclass`;
    const us = (seconds: number) => Number(((seconds * 1e6) / s.written).toFixed(1));
    console.log(
      JSON.stringify({
        side: s.name,
        sql: args[s.name] ?? null,
        rulings: s.written,
        pg_cpu_us: us(s.pg),
        client_cpu_us: us(s.client),
        client_system_us: us(s.clientSystem),
        wal_bytes: Math.round(s.walBytes / s.written),
        rulings_per_commit: Number((s.written / s.commits).toFixed(1)),
        table_bytes_per_ruling: Math.round(Number(size.total) / size.n),
        load: loadavg()[0]?.toFixed(1),
      }),
    );
    await s.sql.end();
    await s.close();
  }
} finally {
  await admin.end();
  cluster.stop();
}

/** One side of the comparison: its database (with its SQL applied), writer and running totals. */
async function side(name: string, file: string | undefined) {
  const sql = postgres(urlOf(name), { max: 1, onnotice: () => {} });
  if (file) await sql.unsafe(readFileSync(file, "utf8"));
  const handle = await openDatabase({ kind: "postgres", url: urlOf(name), poolSize: 16 });
  const writer = new RulingWriter(handle.db, { maxBatch: 500, maxInFlight: 4, prepared: true });
  return {
    name,
    sql,
    db: handle.db,
    close: handle.close,
    writer,
    pg: 0,
    client: 0,
    clientSystem: 0,
    walBytes: 0,
    commits: 0,
    written: 0,
  };
}

async function samples(db: Database): Promise<RulingRecord[]> {
  const rows = await db.select().from(rulings);
  const norms = await db.select().from(rulingNorms);
  return rows.map((row) => ({ row, norms: norms.filter((n) => n.rulingId === row.id) }));
}

/** What the writer sends per ruling, in JSON characters: the largest columns (facts whole and as stored), the rest of the row, its outcomes. */
function jsonChars(records: RulingRecord[]) {
  const mean = (f: (r: RulingRecord) => unknown) =>
    Math.round(records.reduce((n, r) => n + JSON.stringify(f(r)).length, 0) / records.length);
  return {
    facts: mean((r) => r.row.facts),
    facts_stored: mean((r) => toStoredFacts(r.row.facts)),
    evidence: mean((r) => r.row.evidence),
    trace: mean((r) => r.row.trace),
    rest: mean(({ row: { facts: _f, evidence: _e, trace: _t, ...rest } }) => rest),
    outcomes: mean((r) => r.norms),
  };
}

/** Cluster-wide WAL bytes and commits so far. */
async function wal() {
  const [w] = await admin<[{ bytes: string; commits: string }]>`select (select wal_bytes from pg_stat_wal)::text as
    bytes, (select sum(xact_commit) from pg_stat_database)::text as commits`;
  return { bytes: Number(w.bytes), commits: Number(w.commits) };
}

function profilePostgres(parent: number, file: string) {
  const children = readdirSync("/proc").filter(
    (d) => /^\d+$/.test(d) && readFileSync(`/proc/${d}/stat`, "utf8").split(") ")[1]?.split(" ")[1] === String(parent),
  );
  return spawn("perf", ["record", "-g", "-o", file, "-p", [parent, ...children].join(",")], { stdio: "ignore" });
}
