/**
 * npm run bench:profile:wrk — where the CPU of POST /moderate goes in the real server: `npm start`'s compiled entry
 * on a throwaway PostgreSQL (fsync on), one process, run with `node --cpu-prof`, loaded by wrk as `npm run bench`
 * loads it (50 connections, a platform key, `Prefer: return=minimal`, the corpus mix). Unlike bench:profile
 * (app.request in-process), node:http parsing, sockets and @hono/node-server are in it. Only the samples of the
 * measured run are summarised (start-up and warm-up are cut off by time).
 * The warm-up (seconds) is long enough for V8 to settle: a profile taken after 3 s is partly JIT warm-up
 * (bench/engine-settling.ts shows the curve).
 * Usage: npm run bench:profile:wrk [-- seconds=8 warm=12 path=moderate|check top=30 corpus=bench/corpus.jsonl];
 * PROFILE_OUT=file keeps the measured part of the profile (for a viewer, or to read callers and callees).
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import type { Profiler } from "node:inspector";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../test/support/free-port.js";
import { startPgCluster } from "../test/support/pg-cluster.js";
import { corpusBodies } from "./corpus.js";
import { cpuSeconds } from "./proc-stats.js";
import { keepLast, printInclusive, printParts } from "./profile-parts.js";
import { withSources } from "./profile-sources.js";
import { summariseProfile } from "./profile-summary.js";
import { platformKey, startMores, stop } from "./serve.js";
import { wrk } from "./wrk.js";

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.split("=") as [string, string]));
const SECONDS = Number(args.seconds ?? 8);
const WARM = Number(args.warm ?? 12);
const PATH = `/v1/communities/default/${args.path ?? "moderate"}`;

const work = await mkdtemp(join(tmpdir(), "mores-profile-wrk-"));
const bodiesFile = join(work, "bodies.jsonl");
writeFileSync(bodiesFile, corpusBodies(args.corpus));

const cluster = await startPgCluster({ durable: true });
if (!cluster) throw new Error("PostgreSQL binaries not found");
const port = await freePort();
const mores = await startMores(port, { DATABASE_URL: cluster.url, MORES_DB_POOL: "16", MORES_WORKERS: "1" }, [
  "--cpu-prof",
  `--cpu-prof-dir=${work}`,
  "--cpu-prof-interval=200",
]);
try {
  const url = `http://127.0.0.1:${port}`;
  const auth = await platformKey(url, "profile");
  const options = { connections: 50, bodiesFile, auth, prefer: "return=minimal" };
  await wrk(`${url}${PATH}`, { ...options, seconds: WARM });
  const cpu = cpuSeconds(mores.pid);
  const measuredFrom = Date.now();
  const r = await wrk(`${url}${PATH}`, { ...options, seconds: SECONDS });
  const measuredMs = Date.now() - measuredFrom;
  const used = cpuSeconds(mores.pid) - cpu;
  const stoppedFrom = Date.now();
  await stop(mores);
  const tailMs = Date.now() - stoppedFrom;
  console.log(
    `${Math.round(r.rps)} req/s, p99 ${r.p99.toFixed(1)} ms, ${Math.round((used * 1e6) / (r.ok + r.failed))} µs server CPU per answer (profiling on)\n`,
  );
  const file = readdirSync(work).find((f) => f.endsWith(".cpuprofile"));
  if (!file) throw new Error("no .cpuprofile written");
  const profile = JSON.parse(readFileSync(join(work, file), "utf8")) as Profiler.Profile;
  const measured = withSources(keepLast(profile, measuredMs * 1000, tailMs * 1000));
  if (process.env.PROFILE_OUT) writeFileSync(process.env.PROFILE_OUT, JSON.stringify(measured));
  summariseProfile(measured, Number(args.top ?? 30));
  printInclusive(measured, Number(args.top ?? 30));
  printParts(measured, (used * 1e6) / (r.ok + r.failed));
} finally {
  await stop(mores);
  cluster.stop();
  await rm(work, { recursive: true, force: true });
}
