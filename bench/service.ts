/**
 * npm run bench — /moderate throughput and latency at 50 connections, next to
 * a plain node:http server answering a fixed JSON body, on this machine, in
 * one run. mores runs against a real PostgreSQL (a throwaway cluster from
 * Debian's binaries, fsync on: every answered ruling is durable), then on the
 * embedded PGlite. After each run the rulings in the database are counted
 * against the 2xx answers.
 *
 * Target (issue 3): ≥ 0.25× the plain node:http throughput, p99 < 50 ms.
 * Usage: npm run bench [-- seconds=10 connections=50]
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import postgres from "postgres";
import { freePort } from "../test/support/free-port.js";
import { startPgCluster } from "../test/support/pg-cluster.js";
import { OPERATOR_KEY, startMores, stop, waitFor } from "./serve.js";

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.split("=") as [string, string]));
const SECONDS = Number(args.seconds ?? 10);
const CONNECTIONS = Number(args.connections ?? 50);

const bodies = readFileSync("bench/corpus.jsonl", "utf8")
  .split("\n")
  .filter(Boolean)
  .map((line) => {
    const { text, author, context } = JSON.parse(line);
    return JSON.stringify({ content: { text }, ...(author ? { author } : {}), ...(context ? { context } : {}) });
  });

const PLAIN = `
  require("node:http").createServer((req, res) => {
    req.on("data", () => {}).on("end", () => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"id":"rul_0","decision":"allow","norms":[]}');
    });
  }).listen(Number(process.env.PORT), "127.0.0.1");`;

async function startPlain(port: number) {
  const proc = spawn(process.execPath, ["-e", PLAIN], { env: { ...process.env, PORT: String(port) }, stdio: "ignore" });
  await waitFor(`http://127.0.0.1:${port}/`, proc);
  return proc;
}

type Result = { rps: number; p50: number; p99: number; ok: number; failed: number };

/** A platform key, as a real platform would send: authentication, its cache and the rate limiter are on the measured path. */
async function platformKey(url: string): Promise<string> {
  const res = await fetch(`${url}/v1/communities/default/keys`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${OPERATOR_KEY}` },
    body: JSON.stringify({ role: "platform", name: "bench", rate_limit: { per_second: 1_000_000 } }),
  });
  if (res.status !== 201) throw new Error(`creating the bench key failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { key: string }).key;
}

/** A proposal in shadow on all traffic: every request is also evaluated under it, after its answer. */
async function startShadow(url: string): Promise<void> {
  const headers = { "content-type": "application/json", authorization: `Bearer ${OPERATOR_KEY}` };
  const proposed = await fetch(`${url}/v1/communities/default/proposals`, {
    method: "POST",
    headers,
    body: JSON.stringify({ title: "bench shadow", change: { kind: "remove_norm", id: "spam-scams" } }),
  });
  const { id } = (await proposed.json()) as { id: string };
  const shadow = await fetch(`${url}/v1/communities/default/proposals/${id}/shadow`, {
    method: "POST",
    headers,
    body: JSON.stringify({ requests: 1_000_000, minutes: 60 }),
  });
  if (shadow.status !== 200) throw new Error(`starting the shadow failed: ${shadow.status} ${await shadow.text()}`);
}

async function load(url: string, path: string): Promise<Result> {
  const authorization = path === "/" ? "" : `Bearer ${await platformKey(url)}`;
  let i = 0;
  const run = (duration: number) =>
    autocannon({
      url,
      connections: CONNECTIONS,
      duration,
      requests: [
        {
          method: "POST",
          path,
          headers: { "content-type": "application/json", authorization },
          setupRequest: (req) => ({ ...req, body: bodies[i++ % bodies.length] as string }),
        },
      ],
    });
  await run(2); // warm up the JIT, the pool and the caches
  const r = await run(SECONDS);
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    ok: r["2xx"],
    failed: r.non2xx + r.errors + r.timeouts,
  };
}

const line = (name: string, r: Result, base?: Result) =>
  `  ${name.padEnd(30)} ${Math.round(r.rps).toLocaleString("en-US").padStart(8)} req/s   p50 ${String(r.p50).padStart(4)} ms   p99 ${String(r.p99).padStart(4)} ms   ${r.failed} failed${base ? `   ${(r.rps / base.rps).toFixed(2)}× plain` : ""}`;

async function main() {
  console.log(
    `${CONNECTIONS} connections, ${SECONDS} s per run (after 2 s warm-up), ${bodies.length} corpus messages, load generator on the same machine\n`,
  );
  const plainPort = await freePort();
  const plain = await startPlain(plainPort);
  const baseline = await load(`http://127.0.0.1:${plainPort}`, "/");
  await stop(plain);
  console.log(line("plain node:http (fixed JSON)", baseline));

  const cluster = await startPgCluster({ durable: true });
  if (!cluster)
    console.log("  (PostgreSQL binaries not found: apt-get install postgresql to bench against PostgreSQL)");
  else {
    const admin = postgres(cluster.url, { max: 1, onnotice: () => {} });
    await admin.unsafe("create database mores_bench");
    const url = cluster.url.replace(/\/postgres$/, "/mores_bench");
    const port = await freePort();
    const results: Array<[string, Result]> = [];
    for (const [workers, shadow] of [
      [1, false],
      [2, false],
      [1, true],
    ] as const) {
      const mores = await startMores(port, { DATABASE_URL: url, MORES_DB_POOL: "16", MORES_WORKERS: String(workers) });
      if (shadow) await startShadow(`http://127.0.0.1:${port}`);
      results.push([
        `mores on PostgreSQL, ${workers} proc${shadow ? ", shadow" : ""}`,
        await load(`http://127.0.0.1:${port}`, "/v1/communities/default/moderate"),
      ]);
      await stop(mores);
    }
    const db = postgres(url, { max: 1 });
    const [{ n }] = (await db`select count(*)::int as n from rulings`) as unknown as [{ n: number }];
    await db.end();
    await admin.end();
    cluster.stop();
    for (const [name, r] of results) console.log(line(name, r, baseline));
    const answered = results.reduce((sum, [, r]) => sum + r.ok, 0);
    console.log(
      `    durable: ${n.toLocaleString("en-US")} rulings in PostgreSQL ≥ ${answered.toLocaleString("en-US")} answered in the measured runs (warm-ups add the rest)`,
    );
  }

  const dataDir = await mkdtemp(join(tmpdir(), "mores-bench-"));
  const port = await freePort();
  const mores = await startMores(port, { MORES_DATA_DIR: dataDir });
  const r = await load(`http://127.0.0.1:${port}`, "/v1/communities/default/moderate");
  await stop(mores);
  await rm(dataDir, { recursive: true, force: true });
  console.log(line("mores on PGlite (embedded)", r, baseline));
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
