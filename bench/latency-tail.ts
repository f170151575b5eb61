/**
 * Where the p99 of POST /moderate comes from: `npm start`'s compiled entry on a throwaway PostgreSQL (fsync on),
 * one process, loaded by wrk as `npm run bench` loads it, with bench/loop-watch.mjs preloaded: after the warm-up,
 * the measured run's req/s, p50/p99, server CPU per answer, the event loop's delay and every GC pause by kind.
 * `flags=` passes V8/Node flags to the server (e.g. `flags=--max-semi-space-size=64`), to compare GC settings
 * in alternated runs.
 * Usage: npx tsx bench/latency-tail.ts [flags=… warm=15 seconds=6 path=moderate|check]
 */
import { writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../test/support/free-port.js";
import { startPgCluster } from "../test/support/pg-cluster.js";
import { corpusBodies } from "./corpus.js";
import { cpuSeconds } from "./proc-cpu.js";
import { platformKey, startMores, stop } from "./serve.js";
import { wrk } from "./wrk.js";

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] as [string, string]),
);
const flags = (args.flags ?? "").split(" ").filter(Boolean);
const work = await mkdtemp(join(tmpdir(), "mores-latency-tail-"));
const bodiesFile = join(work, "bodies.jsonl");
writeFileSync(bodiesFile, corpusBodies());
const cluster = await startPgCluster({ durable: true });
if (!cluster) throw new Error("PostgreSQL binaries not found");
const port = await freePort();
// As npm run bench: the check bucket opened wide, so /check measures checks, not 429s.
const env = {
  DATABASE_URL: cluster.url,
  MORES_DB_POOL: "16",
  MORES_WORKERS: "1",
  MORES_CHECK_RATE_LIMIT_PER_SECOND: "1000000",
};
const mores = await startMores(port, env, ["--import", "./bench/loop-watch.mjs", ...flags]);
try {
  const url = `http://127.0.0.1:${port}`;
  const auth = await platformKey(url, "tail");
  const target = `${url}/v1/communities/default/${args.path ?? "moderate"}`;
  const options = { connections: 50, bodiesFile, auth, prefer: "return=minimal" };
  await wrk(target, { ...options, seconds: Number(args.warm ?? 15) });
  mores.kill("SIGUSR2"); // loop-watch starts counting here
  const cpu = cpuSeconds(mores.pid);
  const r = await wrk(target, { ...options, seconds: Number(args.seconds ?? 6) });
  const us = ((cpuSeconds(mores.pid) - cpu) * 1e6) / Math.max(1, r.ok + r.failed);
  console.log(
    `${flags.join(" ") || "(no flags)"}: ${Math.round(r.rps)} req/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, ${Math.round(us)} µs server CPU per answer, ${r.failed} failed`,
  );
} finally {
  await stop(mores); // loop-watch prints its line on the server's stderr as it exits
  cluster.stop();
  await rm(work, { recursive: true, force: true });
}
