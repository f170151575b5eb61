/**
 * npm run bench:rulings-scale — does the rulings table's size weigh on writing and listing? On a throwaway
 * PostgreSQL (fsync on), in one run: ruling inserts per second through the real group-commit writer, and the p50/
 * p99 of `GET /v1/communities/default/rulings` over real HTTP (mores as `npm start` runs it) for the common
 * shapes — the latest page, by decision, by norm, and a cursor deep in the past — first on a nearly empty table,
 * then after `rows` rulings are bulk-loaded into the past `months` months (bench/rulings-bulk.ts). Then the review
 * queue's first page (`GET …/reviews`), and its query in the database both as it reads the table of rulings waiting
 * and as it read the rulings themselves before migrations/0013.
 * Usage: npm run bench:rulings-scale [-- rows=10000000 months=12 inserts=20000 requests=400]
 */
import { loadavg } from "node:os";
import postgres from "postgres";
import type { Database } from "../src/db/client.js";
import { openDatabase } from "../src/db/open-node.js";
import { newId } from "../src/lib/ids.js";
import { encodeCursor } from "../src/lib/page.js";
import { loadRulingRecord } from "../src/rulings/load-record.js";
import type { RulingRecord } from "../src/rulings/ruling-row.js";
import { RulingWriter } from "../src/rulings/ruling-writer.js";
import { freePort } from "../test/support/free-port.js";
import { startPgCluster } from "../test/support/pg-cluster.js";
import { TEST_WEBHOOK_ENV } from "../test/support/service.js";
import { bulkLoadRulings } from "./rulings-bulk.js";
import { OPERATOR_KEY, startMores, stop } from "./serve.js";

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.split("=") as [string, string]));
const ROWS = Number(args.rows ?? 10_000_000);
const MONTHS = Number(args.months ?? 12);
const INSERTS = Number(args.inserts ?? 20_000);
const REQUESTS = Number(args.requests ?? 400);
const C = "/v1/communities/default";

const cluster = await startPgCluster({ durable: true });
if (!cluster) throw new Error("PostgreSQL binaries not found (/usr/lib/postgresql/*/bin)");
const admin = postgres(cluster.url, { max: 1, onnotice: () => {} });
await admin.unsafe("alter system set max_wal_size = '4GB'");
await admin.unsafe("select pg_reload_conf()");
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const mores = await startMores(port, {
  DATABASE_URL: cluster.url,
  MORES_DB_POOL: "8",
  MORES_WORKERS: "1",
  MORES_SECRET_KEY: TEST_WEBHOOK_ENV.MORES_SECRET_KEY,
});
const get = (path: string) => fetch(`${base}${path}`, { headers: { authorization: `Bearer ${OPERATOR_KEY}` } });
const moderate = async (text: string) => {
  const res = await fetch(`${base}${C}/moderate`, {
    method: "POST",
    headers: { authorization: `Bearer ${OPERATOR_KEY}`, "content-type": "application/json" },
    body: JSON.stringify({ content: { id: `sample-${text.length}`, text } }),
  });
  return ((await res.json()) as { id: string }).id;
};
const handle = await openDatabase({ kind: "postgres", url: cluster.url, poolSize: 8 });
const db: Database = handle.db;
// Real rulings, one per decision, as the templates of the inserted ones: the newest page of every filter shows
// rulings of the same size before and after the bulk load.
const templates = await Promise.all(
  [
    "You are a pathetic moron.",
    "I will find you and kill you.",
    "Does anyone have a good recipe for banana bread?",
    'Apparently "faggot" is fine to say on the bus now.',
  ].map(async (text) => loadRulingRecord(db, "default", await moderate(text))),
);

/** A new ruling like a template, as a platform's retry-safe request makes it: own id, content id and key. */
function fresh(i: number, keyed: boolean): RulingRecord {
  const { row, norms } = templates[i % templates.length] as RulingRecord;
  const now = new Date();
  const id = newId("rul", now.getTime());
  const key = keyed ? `bench-${id}` : null;
  return {
    row: { ...row, id, contentId: key, idempotencyKey: key, createdAt: now, supersedes: null },
    norms: norms.map((n) => ({ ...n, rulingId: id })),
  };
}

/**
 * Rulings per second written by the real writer (group commit as the service runs it), 256 requests in flight.
 * `keyed`: each carries a content id and an Idempotency-Key, so the writer looks both up first (in every month).
 */
async function insertRate(keyed: boolean): Promise<number> {
  const writer = new RulingWriter(db, { maxBatch: 500, maxInFlight: 4, prepared: true });
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 256 }, async () => {
      while (next < INSERTS) await writer.save(fresh(next++, keyed));
    }),
  );
  return INSERTS / ((performance.now() - started) / 1000);
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

/** p50 and p99 in ms of `REQUESTS` GETs of `path`, 4 at a time, after 40 to warm up; every answer must be 200. */
async function latency(path: string): Promise<{ p50: number; p99: number; rows: number }> {
  const times: number[] = [];
  let rows = 0;
  const one = async (keep: boolean) => {
    const started = performance.now();
    const res = await get(path);
    const body = (await res.json()) as { data: unknown[] };
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(body)}`);
    if (keep) times.push(performance.now() - started);
    rows = body.data.length;
  };
  for (let i = 0; i < 40; i++) await one(false);
  let sent = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (sent++ < REQUESTS) await one(true);
    }),
  );
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5) as number, p99: percentile(times, 0.99) as number, rows };
}

/** A cursor `monthsBack` months before now (older ids come next); with 0, in the middle of the community's rows. */
async function deepCursor(monthsBack: number): Promise<string> {
  const [row] =
    monthsBack > 0
      ? await admin<[{ id: string }]>`select id from rulings where community_id = 'default'
          and id < mores_ruling_id_floor(now() - make_interval(months => ${monthsBack})) order by id desc limit 1`
      : await admin<[{ id: string }]>`select id from rulings where community_id = 'default' order by id
          offset (select count(*) / 2 from rulings where community_id = 'default') limit 1`;
  return row?.id as string;
}

/** The listing's main query of a shape (as read-rulings.ts builds it). */
const listingQuery = (where: string) =>
  `select * from rulings where community_id = 'default' ${where} order by id desc limit 51`;

/**
 * The review queue's first page as src/reviews/queue.ts reads it, from the table of rulings waiting; and as it read
 * it before migrations/0013, from the rulings themselves (what that table saves).
 */
const QUEUE_FROM_TABLE = `select r.* from (select ruling_id from review_queue where community_id = 'default'
  order by ruling_id limit 51) q join rulings r on r.id = q.ruling_id order by q.ruling_id`;
const QUEUE_FROM_RULINGS = `select * from rulings where community_id = 'default' and decision = 'review'
  and not exists (select 1 from review_events e where e.ruling_id = rulings.id and e.type = 'decided')
  and not exists (select 1 from rulings s where s.supersedes = rulings.id) order by id limit 51`;

/** A query run in the database: median and p99 in ms of its execution. */
async function serverTime(query: string): Promise<{ p50: number; p99: number }> {
  const times: number[] = [];
  for (let i = 0; i < 60; i++) {
    const [plan] = await admin.unsafe(`explain (analyze, format json) ${query}`);
    const [run] = (plan as unknown as { "QUERY PLAN": Array<{ "Execution Time": number }> })["QUERY PLAN"];
    if (i >= 10) times.push(run?.["Execution Time"] ?? 0);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5) as number, p99: percentile(times, 0.99) as number };
}

async function measure(label: string, monthsBack: number) {
  const [{ n }] = await admin<[{ n: number }]>`select count(*)::int as n from rulings`;
  const keyed = await insertRate(true);
  const bare = await insertRate(false);
  // As autovacuum would have by then: the planner knows the rows it chooses among.
  await admin.unsafe("analyze rulings");
  await admin.unsafe("analyze ruling_norms");
  const cursor = await deepCursor(monthsBack);
  const shapes: Array<[string, string, string]> = [
    ["latest", "", ""],
    ["decision=remove", "&decision=remove", "and decision = 'remove'"],
    [
      "norm=harassment",
      "&norm=harassment",
      "and id in (select ruling_id from ruling_norms where community_id = 'default' and norm_id = 'harassment')",
    ],
    [`cursor ${monthsBack} months back`, `&cursor=${encodeCursor(cursor)}`, `and id < '${cursor}'`],
  ];
  process.stdout.write(`\n${label}: ${n.toLocaleString("en")} rulings before the inserts\n`);
  const perSecond = (r: number) => `${Math.round(r).toLocaleString("en")} rulings/s`;
  process.stdout.write(`  inserts through the writer: ${perSecond(keyed)} with content ids and Idempotency-Keys, `);
  process.stdout.write(`${perSecond(bare)} without (no replay lookup)\n`);
  process.stdout.write("  GET …/rulings?limit=50        HTTP p50 / p99         main query in PostgreSQL p50 / p99\n");
  for (const [shape, query, where] of shapes) {
    const http = await latency(`${C}/rulings?limit=50${query}`);
    const server = await serverTime(listingQuery(where));
    process.stdout.write(
      `  ${shape.padEnd(28)} ${ms(http.p50)} / ${ms(http.p99)} (${http.rows} rows)   ${ms(server.p50)} / ${ms(server.p99)}\n`,
    );
  }
  const [{ waiting }] = await admin<[{ waiting: number }]>`select count(*)::int as waiting from review_queue
    where community_id = 'default'`;
  const queue = await latency(`${C}/reviews?limit=50`);
  const fromTable = await serverTime(QUEUE_FROM_TABLE);
  const fromRulings = await serverTime(QUEUE_FROM_RULINGS);
  process.stdout.write(
    `  GET …/reviews?limit=50 (${waiting.toLocaleString("en")} waiting) ${ms(queue.p50)} / ${ms(queue.p99)} (${queue.rows} rows)   ${ms(fromTable.p50)} / ${ms(fromTable.p99)}; read from the rulings as before 0013: ${ms(fromRulings.p50)} / ${ms(fromRulings.p99)}\n`,
  );
}

const ms = (v: number) => `${v.toFixed(v < 10 ? 2 : 1)} ms`;

try {
  process.stdout.write(
    `load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}\n`,
  );
  await measure("nearly empty", 0);
  const started = performance.now();
  await bulkLoadRulings(admin, ROWS, MONTHS);
  process.stdout.write(
    `\nbulk load of ${ROWS.toLocaleString("en")} rulings: ${((performance.now() - started) / 1000).toFixed(0)} s\n`,
  );
  await measure(`after the bulk load`, Math.max(1, MONTHS - 3));
  process.stdout.write(
    `load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}\n`,
  );
} finally {
  await handle.close();
  await admin.end();
  await stop(mores);
  cluster.stop();
}
