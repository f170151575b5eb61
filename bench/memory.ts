/**
 * npm run bench:memory — does mores's memory level off? Sends `count`
 * moderations (corpus messages, each with a content id, every other one with
 * an Idempotency-Key, as platforms send them) to mores on a throwaway
 * PostgreSQL, in ten equal steps, and prints after each step the RSS of the
 * mores process and of the PostgreSQL server processes. Flat means the last
 * steps differ by noise, not by a trend.
 *
 * With snapshots=1, mores also writes a V8 heap snapshot after the first step
 * and at the end (node --heapsnapshot-signal) and the kinds of object that
 * grew most between them are printed: that is how a leak is found.
 *
 * Run on demand, not in CI. Usage: npm run bench:memory [-- count=200000 connections=50 snapshots=1]
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import postgres from "postgres";
import { freePort } from "../test/support/free-port.js";
import { startPgCluster } from "../test/support/pg-cluster.js";
import { heapCounts, heapGrowth } from "./heap-compare.js";
import { rssMb } from "./proc-stats.js";
import { OPERATOR_KEY, startMores, stop } from "./serve.js";

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.split("=") as [string, string]));
const COUNT = Number(args.count ?? 200_000);
const CONNECTIONS = Number(args.connections ?? 50);
const SNAPSHOTS = args.snapshots === "1";
const STEPS = 10;

const corpus = readFileSync("bench/corpus.jsonl", "utf8")
  .split("\n")
  .filter(Boolean)
  .map((l) => JSON.parse(l) as { text: string; author?: unknown; context?: unknown });

/**
 * Memory of the PostgreSQL server on `port` and its backends, in MB: Pss (shared buffers counted once,
 * not once per backend as summed RSS would) and the backends' private anonymous memory (plan caches,
 * prepared statements, work memory), where a per-connection leak shows.
 */
function postgresMb(port: string): { pss: number; anon: number } {
  const ps = execFileSync("ps", ["-eo", "pid=,ppid=,args="], { encoding: "utf8" }).trim().split("\n");
  const rows = ps.map((l) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(l)?.slice(1) ?? ["", "", ""]);
  const postmaster = rows.find((r) => r[2]?.includes("postgres") && r[2].includes(`-p ${port}`))?.[0];
  const pids = rows.filter((r) => postmaster && (r[0] === postmaster || r[1] === postmaster)).map((r) => r[0]);
  const total = { pss: 0, anon: 0 };
  for (const pid of pids) {
    try {
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
      total.pss += Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0) / 1024;
      total.anon += Number(/^Pss_Anon:\s+(\d+)/m.exec(rollup)?.[1] ?? 0) / 1024;
    } catch {
      // a backend that exited between ps and here
    }
  }
  return total;
}

/** Signals mores to write a heap snapshot into `dir` and waits until the file is complete. */
async function snapshot(pid: number, dir: string): Promise<string> {
  const before = new Set(readdirSync(dir));
  process.kill(pid, "SIGUSR2");
  for (;;) {
    await new Promise((r) => setTimeout(r, 500));
    const file = readdirSync(dir).find((f) => f.endsWith(".heapsnapshot") && !before.has(f));
    if (!file) continue;
    const size = statSync(join(dir, file)).size;
    await new Promise((r) => setTimeout(r, 1000));
    if (statSync(join(dir, file)).size === size && size > 0) return join(dir, file);
  }
}

async function main() {
  const cluster = await startPgCluster();
  if (!cluster) throw new Error("PostgreSQL binaries not found (apt-get install postgresql)");
  const pgPort = new URL(cluster.url).port;
  const admin = postgres(cluster.url, { max: 1, onnotice: () => {} });
  await admin.unsafe("create database mores_memory");
  await admin.end();
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "mores-heap-"));
  const mores = await startMores(
    port,
    { DATABASE_URL: cluster.url.replace(/\/postgres$/, "/mores_memory"), MORES_DB_POOL: "16" },
    SNAPSHOTS ? ["--heapsnapshot-signal=SIGUSR2", `--diagnostic-dir=${dir}`] : [],
  );
  const url = `http://127.0.0.1:${port}`;
  const made = await fetch(`${url}/v1/communities/default/keys`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${OPERATOR_KEY}` },
    body: JSON.stringify({ role: "platform", rate_limit: { per_second: 1_000_000 } }),
  });
  const { key } = (await made.json()) as { key: string };
  const pid = mores.pid as number;
  let sent = 0;
  const rows: string[] = [];
  const mb = (n: number) => `${n.toFixed(0).padStart(5)} MB`;
  const sample = (label: string) => {
    const pg = postgresMb(pgPort);
    rows.push(
      `  ${label.padStart(9)}  mores RSS ${mb(rssMb(pid))}   PostgreSQL Pss ${mb(pg.pss)}, private ${mb(pg.anon)}`,
    );
  };
  sample("start");
  let first: string | undefined;
  let failed = 0;
  for (let step = 1; step <= STEPS; step++) {
    const r = await autocannon({
      url,
      connections: CONNECTIONS,
      amount: Math.round(COUNT / STEPS),
      requests: [
        {
          method: "POST",
          path: "/v1/communities/default/moderate",
          setupRequest: (req) => {
            const n = sent++;
            const m = corpus[n % corpus.length] as (typeof corpus)[number];
            const body = { content: { id: `post-${n}`, text: m.text }, author: m.author, context: m.context };
            const headers: Record<string, string> = {
              "content-type": "application/json",
              authorization: `Bearer ${key}`,
            };
            if (n % 2 === 0) headers["idempotency-key"] = `bench-${n}`;
            return { ...req, headers, body: JSON.stringify(body) };
          },
        },
      ],
    });
    failed += r.non2xx + r.errors + r.timeouts;
    await new Promise((res) => setTimeout(res, 1000));
    sample(`${sent.toLocaleString("en-US")}`);
    if (SNAPSHOTS && step === 1) first = await snapshot(pid, dir);
  }
  const last = SNAPSHOTS ? await snapshot(pid, dir) : undefined;
  await stop(mores);
  cluster.stop();

  console.log(
    `${COUNT.toLocaleString("en-US")} moderations, ${CONNECTIONS} connections, ${failed} not 2xx; RSS after each step:`,
  );
  for (const row of rows) console.log(row);
  if (first && last) {
    console.log("\nHeap growth between the first step and the end (type:constructor, objects, bytes):");
    for (const g of heapGrowth(heapCounts(first), heapCounts(last)))
      console.log(`  ${g.key.padEnd(50)} ${String(g.count).padStart(9)} ${String(g.bytes).padStart(12)}`);
    console.log(`(snapshots in ${dir})`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
