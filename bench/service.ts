/**
 * npm run bench — POST /moderate throughput and latency at 50 connections (wrk), in one run on this machine:
 * a plain node:http server and a Hono app answering a fixed JSON body, mores on a real PostgreSQL (a throwaway
 * cluster from Debian's binaries, fsync on: every answered ruling is durable) with one and with N worker
 * processes, and mores on the embedded PGlite. Requests send `Prefer: return=minimal`, as a platform on its write
 * path should. After each mores run, the rulings the database gained are counted against the 2xx answers.
 *
 * Targets (issue 15): ≥ 0.15× plain node:http on PostgreSQL, p99 < 50 ms, a ruling for every 2xx. Plain node:http
 * runs first and again last; the ratio is to the faster of its two runs.
 * CPU per answer is read from /proc for the server, PostgreSQL and wrk itself: on a shared 2-core machine it says
 * where the cores went when req/s cannot. A `/check` row (the same evaluation, nothing written) is the ceiling
 * without the database.
 * `corpus=bench/floor.jsonl` sends short benign texts whose evaluation costs a few µs instead: what mores spends
 * on everything but the evaluation (HTTP, the ruling's record and its durable write), the floor under any engine.
 * `content-ids=1` gives every request a content id of its own, as a platform sends its post ids: each ruling's
 * write then also checks for one already recorded under its id (edits supersede, retries replay).
 * Usage: npm run bench [-- seconds=10 connections=50 warm=60000 prefer=return=representation only=plain,pg,check
 *   corpus=bench/corpus.jsonl content-ids=1]
 */
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { freePort } from "../test/support/free-port.js";
import { startPgCluster } from "../test/support/pg-cluster.js";
import { type AnswerTimes, answerTimes, between } from "./answer-times.js";
import { corpusBodies } from "./corpus.js";
import { cpuSeconds, loopsBetween, mainThreadSeconds, postmasterPid } from "./proc-stats.js";
import { platformKey, startMores, stop, waitFor } from "./serve.js";
import { type LoadResult, wrk } from "./wrk.js";

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] as [string, string]),
);
const SECONDS = Number(args.seconds ?? 10);
const CONNECTIONS = Number(args.connections ?? 50);
const PREFER = args.prefer ?? "return=minimal";
/** Read by bench/wrk-post.lua, which wrk runs with this process's environment. */
process.env.BENCH_CONTENT_IDS = args["content-ids"] === "1" ? "1" : "";
/**
 * Answers before the measured run, so it measures a server that has been running, not its first seconds: V8 keeps
 * optimising the engine's code (hundreds of functions, many on rare paths such as the sentence layer) for
 * 15–20 thousand evaluations, and the lexical repair's per-word cache fills. After 3,000 answers (the default
 * until 2026-12-01) the server still spent ~1.5× its settled CPU per answer; the warm-up runs' own CPU per answer
 * is printed, so the curve is visible. At most WARM_MAX_SECONDS whatever the load. 60,000 since the engine was
 * seen settling for ~80,000 evaluations (bench:engine's passes): with 20,000 the one-process row measured 327 µs
 * per answer after 1,267, 532, 431, 376, 336; with up to 45 s of warm-up, 227 µs (docs/performance.md, eighth pass).
 */
const WARM_ANSWERS = Number(args.warm ?? 60_000);
const WARM_MAX_SECONDS = 45;
/** Which rows to run (comma-separated; default all): plain, hono, pg, pgN, check, pglite. */
const ONLY = args.only ? new Set(args.only.split(",")) : undefined;
const wanted = (row: string) => !ONLY || ONLY.has(row);
const WORKERS = availableParallelism();
const MODERATE = "/v1/communities/default/moderate";
const CHECK = "/v1/communities/default/check";

const bodiesFile = join(await mkdtemp(join(tmpdir(), "mores-bench-bodies-")), "bodies.jsonl");
writeFileSync(bodiesFile, corpusBodies(args.corpus));

const FIXED = `'{"id":"rul_0","decision":"allow","norms":[]}'`;
const PLAIN = `(await import("node:http")).createServer((req, res) => { req.on("data", () => {}).on("end", () => {
  res.writeHead(200, { "content-type": "application/json" }); res.end(${FIXED}); }); }).listen(Number(process.env.PORT), "127.0.0.1");`;
const HONO = `const { Hono } = await import("hono"); const { serve } = await import("@hono/node-server");
  const app = new Hono(); app.post("*", async (c) => { await c.req.text(); return c.body(${FIXED}, 200, { "content-type": "application/json" }); });
  serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: "127.0.0.1" });`;

async function startFixed(source: string, port: number) {
  const proc = spawn(process.execPath, ["--input-type=module", "-e", source], {
    env: { ...process.env, PORT: String(port) },
    stdio: "ignore",
  });
  await waitFor(`http://127.0.0.1:${port}/`, proc, "POST");
  return proc;
}

/**
 * Warm-up runs of 2 s until WARM_ANSWERS were answered (at most WARM_MAX_SECONDS), then the measured run; `answered` counts
 * the 2xx of all, to compare with the rulings recorded. CPU per answer in the measured run: `cpuUs` the server's
 * processes, `dbCpuUs` PostgreSQL's (`dbPid`, the postmaster, and its children), `loadCpuUs` wrk's. For mores,
 * `inMores` is the measured run's latency as the server's own histogram saw it (bench/answer-times.ts).
 */
async function load(url: string, pid: number | undefined, auth?: string, dbPid?: number) {
  const options = { connections: CONNECTIONS, bodiesFile, ...(auth ? { auth, prefer: PREFER } : {}) };
  let warmed = 0;
  let runs = 1;
  const warmCpuUs: number[] = [];
  const started = performance.now();
  for (; warmed < WARM_ANSWERS && performance.now() - started < WARM_MAX_SECONDS * 1000; runs++) {
    const before = cpuSeconds(pid);
    const w = await wrk(url, { ...options, seconds: 2 });
    warmed += w.ok;
    warmCpuUs.push(((cpuSeconds(pid) - before) * 1e6) / Math.max(1, w.ok + w.failed));
  }
  const { origin, pathname } = new URL(url);
  const route = pathname.replace(/^\/v1\/communities\/[^/]+\//, "/v1/communities/:community/");
  const times = (): Promise<AnswerTimes | undefined> =>
    auth ? answerTimes(origin, route) : Promise.resolve(undefined);
  const timesBefore = await times();
  const cpu = cpuSeconds(pid);
  const dbCpu = cpuSeconds(dbPid);
  const loops = mainThreadSeconds(pid);
  const from = performance.now();
  const r = await wrk(url, { ...options, seconds: SECONDS });
  const eventLoops = loopsBetween(loops, mainThreadSeconds(pid), (performance.now() - from) / 1000);
  const perAnswer = (seconds: number) => (seconds * 1e6) / Math.max(1, r.ok + r.failed);
  const timesAfter = await times();
  return {
    ...r,
    inMores: timesBefore && timesAfter ? between(timesBefore, timesAfter) : undefined,
    answered: warmed + r.ok,
    runs,
    warmCpuUs,
    cpuUs: perAnswer(cpuSeconds(pid) - cpu),
    loopUs: perAnswer(eventLoops.seconds),
    loopBusy: eventLoops.busiest,
    dbCpuUs: dbPid === undefined ? undefined : perAnswer(cpuSeconds(dbPid) - dbCpu),
    loadCpuUs: perAnswer(r.loadCpuSeconds),
  };
}

type Measured = LoadResult & {
  warmCpuUs: number[];
  cpuUs: number;
  /** The event loops' threads (main threads) alone, and the busiest one's share of the run's wall time. */
  loopUs: number;
  loopBusy: number;
  dbCpuUs: number | undefined;
  loadCpuUs: number;
  runs: number;
  inMores: ReturnType<typeof between>;
};
type Row = { name: string; r: Measured; rulings?: { recorded: number; answered: number; runs: number } };
const rows: Row[] = [];
const loads: number[] = [];
const measure = async <T>(f: () => Promise<T>) => {
  const out = await f();
  loads.push(loadavg()[0] ?? 0);
  return out;
};

const PLAIN_NAME = "plain node:http, fixed JSON";

async function fixedServers(which: "first" | "again") {
  const servers = [
    [PLAIN_NAME, PLAIN, "plain"],
    ["Hono on node-server, fixed JSON", HONO, "hono"],
  ] as const;
  for (const [name, source, row] of which === "first" ? servers : servers.slice(0, 1)) {
    if (!wanted(row)) continue;
    const port = await freePort();
    const proc = await startFixed(source, port);
    const label = which === "first" ? name : `${name} (again, last)`;
    rows.push({ name: label, r: await measure(() => load(`http://127.0.0.1:${port}/`, proc.pid)) });
    await stop(proc);
  }
}

async function onPostgres() {
  const runs = [
    { row: "pg", workers: 1, path: MODERATE },
    { row: "pgN", workers: WORKERS, path: MODERATE },
    // The same evaluation, authentication and HTTP stack, nothing written: the ceiling without the database.
    { row: "check", workers: 1, path: CHECK },
  ].filter((run) => wanted(run.row));
  if (runs.length === 0) return;
  const cluster = await startPgCluster({ durable: true });
  if (!cluster) {
    console.log("  (PostgreSQL binaries not found: apt-get install postgresql to bench against PostgreSQL)");
    return;
  }
  const admin = postgres(cluster.url, { max: 1, onnotice: () => {} });
  await admin.unsafe("create database mores_bench");
  const url = cluster.url.replace(/\/postgres$/, "/mores_bench");
  const db = postgres(url, { max: 1, onnotice: () => {} });
  const count = async () => {
    const [row] = await db`select count(*)::int as n from rulings`.catch(() => [{ n: 0 }]);
    return (row as { n: number }).n;
  };
  const postmaster = postmasterPid(cluster.dataDir);
  try {
    for (const { workers, path } of runs) {
      const port = await freePort();
      const mores = await startMores(port, {
        DATABASE_URL: url,
        MORES_DB_POOL: "16",
        MORES_WORKERS: String(workers),
        MORES_CHECK_RATE_LIMIT_PER_SECOND: "1000000",
      });
      const before = await count();
      const r = await measure(async () =>
        load(`http://127.0.0.1:${port}${path}`, mores.pid, await platformKey(`http://127.0.0.1:${port}`), postmaster),
      );
      await stop(mores);
      const processes = `${workers} process${workers > 1 ? "es" : ""}`;
      if (path === CHECK) rows.push({ name: `mores /check (nothing recorded), PostgreSQL, ${processes}`, r });
      else
        rows.push({
          name: `mores, PostgreSQL, ${processes}`,
          r,
          rulings: { recorded: (await count()) - before, answered: r.answered, runs: r.runs },
        });
    }
  } finally {
    await db.end();
    await admin.end();
    cluster.stop();
  }
}

async function onPglite() {
  if (!wanted("pglite")) return;
  const dataDir = await mkdtemp(join(tmpdir(), "mores-bench-"));
  const port = await freePort();
  const mores = await startMores(port, { MORES_DATA_DIR: dataDir });
  const r = await measure(async () =>
    load(`http://127.0.0.1:${port}${MODERATE}`, mores.pid, await platformKey(`http://127.0.0.1:${port}`)),
  );
  await stop(mores);
  const pg = await PGlite.create({ dataDir });
  const { rows: counted } = await pg.query<{ n: number }>("select count(*)::int as n from rulings");
  await pg.close();
  await rm(dataDir, { recursive: true, force: true });
  rows.push({
    name: "mores, PGlite (embedded)",
    r,
    rulings: { recorded: counted[0]?.n ?? 0, answered: r.answered, runs: r.runs },
  });
}

/**
 * Every 2xx must have its ruling: recorded ≥ answered. wrk stops counting when its time is up, so the requests
 * still in flight then (at most one per connection, per wrk run) are recorded but not counted as answered.
 */
function rulingCheck(recorded: number, answered: number, runs: number): string {
  const extra = recorded - answered;
  const ok = extra >= 0 && extra <= runs * CONNECTIONS;
  return `${recorded} / ${answered}${ok ? (extra > 0 ? ` (+${extra} in flight at the cut-off)` : "") : " MISSING RULINGS"}`;
}

function report() {
  // The machine's speed drifts within minutes (docs/performance.md): plain node:http runs first and last, and
  // mores is compared with the faster of the two, so a slow moment for plain cannot flatter the ratio.
  const plainRuns = rows.filter((row) => row.name.startsWith(PLAIN_NAME)).map((row) => row.r.rps);
  const base = plainRuns.length > 0 ? Math.max(...plainRuns) : (rows[0]?.r.rps ?? 1);
  const head =
    "| server | req/s | p50 ms | p99 ms | in mores: p99 ms, over 50 ms | × plain | CPU µs/answer: server | PostgreSQL | wrk | bytes/answer | failed | rulings recorded / 2xx |";
  console.log(`\n${head}\n|${"---|".repeat(12)}`);
  for (const { name, r, rulings } of rows) {
    const cells = [
      name,
      Math.round(r.rps).toLocaleString("en-US"),
      r.p50.toFixed(1),
      r.p99.toFixed(1),
      r.inMores ? `≤ ${r.inMores.p99AtMostMs}, ${(100 * r.inMores.overShare).toFixed(2)}%` : "",
      (r.rps / base).toFixed(3),
      String(Math.round(r.cpuUs)),
      r.dbCpuUs === undefined ? "" : String(Math.round(r.dbCpuUs)),
      String(Math.round(r.loadCpuUs)),
      String(r.bytesPerAnswer),
      String(r.failed),
      rulings ? rulingCheck(rulings.recorded, rulings.answered, rulings.runs) : "",
    ];
    console.log(`| ${cells.join(" | ")} |`);
  }
  console.log("\nserver CPU µs per answer in the warm-up's 2 s runs, then the measured run:");
  for (const { name, r } of rows)
    console.log(`  ${name}: ${[...r.warmCpuUs, r.cpuUs].map((us) => Math.round(us)).join(", ")}`);
  // The server's CPU above counts V8's GC and compiler threads too; a loop under 100% busy waits on something else.
  console.log(
    "\nof which the event loops' threads in the measured run: µs per answer, and the busiest loop's share of it",
  );
  for (const { name, r } of rows)
    console.log(`  ${name}: ${Math.round(r.loopUs)} µs, ${Math.round(100 * r.loopBusy)}% busy`);
  console.log(
    "\n'in mores': the measured run's answers as the server's own latency histogram saw them (GET /metrics), from the request reaching the app to its answer; p99 is the histogram bucket's upper bound. What wrk's p99 has over it is time outside the app: a request waiting in its socket while the event loop ends a turn, and wrk waiting for a core.",
  );
  console.log(`\nload average (1 min) after each run: ${loads.map((l) => l.toFixed(1)).join(", ")}`);
  // What 0.15× would leave each request of the whole machine: wrk, the server and PostgreSQL share its cores.
  if (plainRuns.length > 1)
    console.log(
      `× plain is against the faster plain node:http run: ${plainRuns.map((rps) => Math.round(rps).toLocaleString("en-US")).join(" and ")} req/s`,
    );
  if (plainRuns.length > 0)
    console.log(
      `0.15× plain = ${Math.round(0.15 * base).toLocaleString("en-US")} req/s: at most ${Math.round((availableParallelism() * 1e6) / (0.15 * base))} µs of CPU per request for wrk, the server and PostgreSQL together (${availableParallelism()} cores)`,
    );
}

console.log(
  `${CONNECTIONS} connections, ${SECONDS} s per run after ${WARM_ANSWERS} answers of warm-up, wrk on the same machine (${availableParallelism()} cores, load ${loadavg()[0]?.toFixed(1)}), mores requests send Prefer: ${PREFER}, bodies from ${args.corpus ?? "bench/corpus.jsonl"}${process.env.BENCH_CONTENT_IDS ? ", each with a content id of its own" : ""}`,
);
await fixedServers("first");
await onPostgres();
await onPglite();
if (rows.length > 1) await fixedServers("again");
report();
