/**
 * A/B of the server's CPU per answer against another tree (main, unpacked and built elsewhere): both servers run
 * at once, each on its own database of one throwaway PostgreSQL (fsync on), `workers` processes each (CPU counts
 * them all, the cluster's primary included), warmed up, then
 * loaded by wrk in turns of a few seconds, A B A B…, so both see the same minutes of a shared machine. Prints
 * each turn's server CPU µs per answer, PostgreSQL's (the whole cluster's during the turn, when only that side is
 * loaded), p99 and req/s, the medians and each server's resident memory. Idle, a server costs nothing.
 * Usage: npx tsx bench/wire-ab.ts base=/tmp/main-copy [launches=3 rounds=4 seconds=4 warm=30 workers=1
 *   path=moderate|check]
 * Each side starts as its tree's `npm start` does (its flags); `flags=` adds Node flags to both, `bflags=` to this
 * tree's only (a GC setting against none).
 */
import { writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { freePort } from "../test/support/free-port.js";
import { startPgCluster } from "../test/support/pg-cluster.js";
import { corpusBodies } from "./corpus.js";
import { median } from "./figures.js";
import { cpuSeconds, postmasterPid, rssMb } from "./proc-stats.js";
import { platformKey, startMores, stop } from "./serve.js";
import { wrk } from "./wrk.js";

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] as [string, string]),
);
if (!args.base) throw new Error("base=<a built copy of the other tree> is required");
const ROUNDS = Number(args.rounds ?? 4);
const SECONDS = Number(args.seconds ?? 4);
const WARM = Number(args.warm ?? 30);
const WORKERS = Number(args.workers ?? 1);
/**
 * Fresh pairs of servers, one after the other. Two processes of the same tree can differ by 10% or more for
 * their whole life (an A/A run on 2026-12-01, one launch of 8 rounds: 291 against 325 µs per answer), so a
 * difference is believed only when it holds launch after launch.
 */
const LAUNCHES = Number(args.launches ?? 3);
const PATH = `/v1/communities/default/${args.path ?? "moderate"}`;
const split = (flags: string | undefined) => (flags ?? "").split(" ").filter(Boolean);

const work = await mkdtemp(join(tmpdir(), "mores-wire-ab-"));
const bodiesFile = join(work, "bodies.jsonl");
writeFileSync(bodiesFile, corpusBodies());
const cluster = await startPgCluster({ durable: true });
if (!cluster) throw new Error("PostgreSQL binaries not found");
const clusterUrl = cluster.url;
const postmaster = postmasterPid(cluster.dataDir);
const admin = postgres(clusterUrl, { max: 1, onnotice: () => {} });
const sides = [
  { name: "base", cwd: args.base, flags: split(args.flags) },
  { name: "this", cwd: ".", flags: [...split(args.flags), ...split(args.bflags)] },
];
type Server = { name: string; proc: Awaited<ReturnType<typeof startMores>>; url: string; auth: string };
type Turn = { us: number; pg: number; p99: number; rps: number };
const servers: Server[] = [];
/** A side's turns as one line: the medians of CPU per answer, p99 and req/s. */
const summary = (t: Turn[]) =>
  `median ${Math.round(median(t.map((x) => x.us)))} µs server CPU per answer, ${Math.round(median(t.map((x) => x.pg)))} µs PostgreSQL's, p99 ${median(t.map((x) => x.p99)).toFixed(1)} ms, ${Math.round(median(t.map((x) => x.rps)))} req/s`;
const load = (s: Server, seconds: number) =>
  wrk(`${s.url}${PATH}`, { connections: 50, bodiesFile, auth: s.auth, prefer: "return=minimal", seconds });

/**
 * One launch: both servers started afresh (on databases of their own), warmed up, then loaded in turns. Which
 * side starts and warms first alternates from launch to launch.
 */
async function launch(index: number): Promise<Map<string, Turn[]>> {
  const order = index % 2 === 0 ? sides : [...sides].reverse();
  for (const side of order) {
    const db = `ab_${side.name}_${index}`;
    await admin.unsafe(`create database ${db}`);
    const port = await freePort();
    const env = {
      DATABASE_URL: clusterUrl.replace(/\/postgres$/, `/${db}`),
      MORES_DB_POOL: "16",
      MORES_WORKERS: String(WORKERS),
      MORES_CHECK_RATE_LIMIT_PER_SECOND: "1000000",
    };
    const proc = await startMores(port, env, side.flags, side.cwd);
    const url = `http://127.0.0.1:${port}`;
    servers.push({ name: side.name, proc, url, auth: await platformKey(url) });
  }
  for (const s of servers) await load(s, WARM);
  const turns = new Map<string, Turn[]>(servers.map((s) => [s.name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    const turnOrder = round % 2 === 0 ? servers : [...servers].reverse();
    const line: string[] = [];
    for (const s of turnOrder) {
      const before = cpuSeconds(s.proc.pid);
      const pgBefore = cpuSeconds(postmaster);
      const r = await load(s, SECONDS);
      const answers = Math.max(1, r.ok + r.failed);
      const us = ((cpuSeconds(s.proc.pid) - before) * 1e6) / answers;
      const pg = ((cpuSeconds(postmaster) - pgBefore) * 1e6) / answers;
      turns.get(s.name)?.push({ us, pg, p99: r.p99, rps: r.rps });
      line.push(
        `${s.name} ${Math.round(us)} + ${Math.round(pg)} µs, p99 ${r.p99.toFixed(1)} ms, ${Math.round(r.rps)} req/s`,
      );
    }
    console.log(`launch ${index + 1} round ${round + 1} (load ${loadavg()[0]?.toFixed(1)}): ${line.join(" · ")}`);
  }
  for (const s of servers) {
    const t = turns.get(s.name) ?? [];
    console.log(
      `launch ${index + 1} ${s.name}: ${summary(t)}; resident ${Math.round(rssMb(s.proc.pid))} MB after the runs`,
    );
  }
  for (const s of servers.splice(0)) await stop(s.proc);
  return turns;
}

try {
  const ratios: number[] = [];
  const launchRatios: number[] = [];
  const pgRatios: number[] = [];
  const all = new Map<string, Turn[]>(sides.map((s) => [s.name, []]));
  for (let index = 0; index < LAUNCHES; index++) {
    const turns = await launch(index);
    const [base, mine] = [turns.get("base") ?? [], turns.get("this") ?? []];
    ratios.push(...base.map((b, i) => (mine[i] as Turn).us / b.us));
    launchRatios.push(median(mine.map((x) => x.us)) / median(base.map((x) => x.us)));
    pgRatios.push(median(mine.map((x) => x.pg)) / median(base.map((x) => x.pg)));
    for (const [name, t] of turns) all.get(name)?.push(...t);
  }
  for (const [name, t] of all) console.log(`${name}: ${summary(t)} (${t.length} turns, ${LAUNCHES} launches)`);
  console.log(
    `this ÷ base, CPU per answer: median of turns ${median(ratios).toFixed(3)}; by launch ${launchRatios.map((r) => r.toFixed(3)).join(", ")}`,
  );
  console.log(`this ÷ base, PostgreSQL's CPU per answer, by launch: ${pgRatios.map((r) => r.toFixed(3)).join(", ")}`);
} finally {
  for (const s of servers) await stop(s.proc);
  await admin.end();
  cluster.stop();
  await rm(work, { recursive: true, force: true });
}
