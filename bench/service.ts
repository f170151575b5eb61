/**
 * npm run bench — POST /moderate throughput and latency at 50 connections (wrk), in one run on this machine:
 * a plain node:http server and a Hono app answering a fixed JSON body, mores on a real PostgreSQL (a throwaway
 * cluster from Debian's binaries, fsync on: every answered ruling is durable) with one and with N worker
 * processes, and mores on the embedded PGlite. Requests send `Prefer: return=minimal`, as a platform on its write
 * path should. After each mores run, the rulings the database gained are counted against the 2xx answers.
 *
 * Targets (issue 15): ≥ 0.15× plain node:http on PostgreSQL, p99 < 50 ms, a ruling for every 2xx.
 * Usage: npm run bench [-- seconds=10 connections=50 prefer=return=representation]
 */
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { freePort } from "../test/support/free-port.js";
import { startPgCluster } from "../test/support/pg-cluster.js";
import { cpuSeconds } from "./proc-cpu.js";
import { OPERATOR_KEY, startMores, stop, waitFor } from "./serve.js";
import { type LoadResult, wrk } from "./wrk.js";

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] as [string, string]),
);
const SECONDS = Number(args.seconds ?? 10);
const CONNECTIONS = Number(args.connections ?? 50);
const PREFER = args.prefer ?? "return=minimal";
const WORKERS = availableParallelism();
const MODERATE = "/v1/communities/default/moderate";

const bodiesFile = join(await mkdtemp(join(tmpdir(), "mores-bench-bodies-")), "bodies.jsonl");
writeFileSync(
  bodiesFile,
  readFileSync("bench/corpus.jsonl", "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const { text, author, context } = JSON.parse(line);
      return JSON.stringify({ content: { text }, ...(author ? { author } : {}), ...(context ? { context } : {}) });
    })
    .join("\n"),
);

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

/** A platform key, as a real platform sends: authentication, its cache and the rate limiter are on the path. */
async function platformKey(url: string): Promise<string> {
  const res = await fetch(`${url}/v1/communities/default/keys`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${OPERATOR_KEY}` },
    body: JSON.stringify({ role: "platform", name: "bench", rate_limit: { per_second: 1_000_000 } }),
  });
  if (res.status !== 201) throw new Error(`creating the bench key failed: ${res.status} ${await res.text()}`);
  return `Bearer ${((await res.json()) as { key: string }).key}`;
}

/**
 * A 2 s warm-up, then the measured run; `answered` counts the 2xx of both, to compare with the rulings recorded;
 * `cpuUs`: the server's CPU (its processes, not PostgreSQL's) per answer in the measured run.
 */
async function load(url: string, pid: number | undefined, auth?: string) {
  const options = { connections: CONNECTIONS, bodiesFile, ...(auth ? { auth, prefer: PREFER } : {}) };
  const warm = await wrk(url, { ...options, seconds: 2 });
  const cpu = cpuSeconds(pid);
  const r = await wrk(url, { ...options, seconds: SECONDS });
  const cpuUs = ((cpuSeconds(pid) - cpu) * 1e6) / Math.max(1, r.ok + r.failed);
  return { ...r, answered: warm.ok + r.ok, cpuUs };
}

type Row = { name: string; r: LoadResult & { cpuUs: number }; rulings?: { recorded: number; answered: number } };
const rows: Row[] = [];
const loads: number[] = [];
const measure = async <T>(f: () => Promise<T>) => {
  const out = await f();
  loads.push(loadavg()[0] ?? 0);
  return out;
};

async function fixedServers() {
  for (const [name, source] of [
    ["plain node:http, fixed JSON", PLAIN],
    ["Hono on node-server, fixed JSON", HONO],
  ] as const) {
    const port = await freePort();
    const proc = await startFixed(source, port);
    rows.push({ name, r: await measure(() => load(`http://127.0.0.1:${port}/`, proc.pid)) });
    await stop(proc);
  }
}

async function onPostgres() {
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
  try {
    for (const workers of [1, WORKERS]) {
      const port = await freePort();
      const mores = await startMores(port, { DATABASE_URL: url, MORES_DB_POOL: "16", MORES_WORKERS: String(workers) });
      const before = await count();
      const r = await measure(async () =>
        load(`http://127.0.0.1:${port}${MODERATE}`, mores.pid, await platformKey(`http://127.0.0.1:${port}`)),
      );
      await stop(mores);
      rows.push({
        name: `mores, PostgreSQL, ${workers} process${workers > 1 ? "es" : ""}`,
        r,
        rulings: { recorded: (await count()) - before, answered: r.answered },
      });
    }
  } finally {
    await db.end();
    await admin.end();
    cluster.stop();
  }
}

async function onPglite() {
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
  rows.push({ name: "mores, PGlite (embedded)", r, rulings: { recorded: counted[0]?.n ?? 0, answered: r.answered } });
}

/**
 * Every 2xx must have its ruling: recorded ≥ answered. wrk stops counting when its time is up, so the requests
 * still in flight then (at most one per connection, per run) are recorded but not counted as answered.
 */
function rulingCheck(recorded: number, answered: number): string {
  const extra = recorded - answered;
  const ok = extra >= 0 && extra <= 2 * CONNECTIONS;
  return `${recorded} / ${answered}${ok ? (extra > 0 ? ` (+${extra} in flight at the cut-off)` : "") : " MISSING RULINGS"}`;
}

function report() {
  const base = rows[0]?.r.rps ?? 1;
  const head = `| server | req/s | p50 ms | p99 ms | × plain | server CPU µs/answer | bytes/answer | failed | rulings recorded / 2xx |`;
  console.log(`\n${head}\n|${"---|".repeat(9)}`);
  for (const { name, r, rulings } of rows) {
    const cells = [
      name,
      Math.round(r.rps).toLocaleString("en-US"),
      r.p50.toFixed(1),
      r.p99.toFixed(1),
      (r.rps / base).toFixed(3),
      String(Math.round(r.cpuUs)),
      String(r.bytesPerAnswer),
      String(r.failed),
      rulings ? rulingCheck(rulings.recorded, rulings.answered) : "",
    ];
    console.log(`| ${cells.join(" | ")} |`);
  }
  console.log(`\nload average (1 min) after each run: ${loads.map((l) => l.toFixed(1)).join(", ")}`);
}

console.log(
  `${CONNECTIONS} connections, ${SECONDS} s per run after 2 s of warm-up, wrk on the same machine (${availableParallelism()} cores, load ${loadavg()[0]?.toFixed(1)}), mores requests send Prefer: ${PREFER}`,
);
await fixedServers();
await onPostgres();
await onPglite();
report();
