/**
 * npm run bench:profile — where the CPU of POST /moderate goes, in this process: the Node service on PGlite (a
 * temporary data directory), `app.request` at 50 concurrent requests with the corpus mix and
 * `Prefer: return=minimal`, profiled by V8's sampling profiler (node:inspector) over the measured requests only
 * (start-up and warm-up excluded). Prints CPU µs per request and the top self-time by package/file and by function.
 * HTTP parsing by node:http is not in it (wrk against `npm start` with --cpu-prof covers that).
 * Usage: npm run bench:profile [-- requests=4000 db=postgres]
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../src/config/config.js";
import { buildNodeService } from "../src/entry/node-service.js";
import { createLogger } from "../src/lib/logger.js";
import { startPgCluster } from "../test/support/pg-cluster.js";
import { readCorpus } from "./corpus.js";
import { startProfiler, summariseProfile } from "./profile-summary.js";

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.split("=") as [string, string]));
const REQUESTS = Number(args.requests ?? 4000);
const KEY = "bench-operator-key-0123456789";
const bodies = readCorpus().map((r) => JSON.stringify(r));

const dataDir = await mkdtemp(join(tmpdir(), "mores-profile-"));
// db=postgres: a throwaway PostgreSQL cluster (fsync on) instead of PGlite.
const cluster = args.db === "postgres" ? await startPgCluster({ durable: true }) : null;
const config = loadConfig({
  MORES_DATA_DIR: dataDir,
  MORES_OPERATOR_KEY: KEY,
  LOG_LEVEL: "warn",
  ...(cluster ? { DATABASE_URL: cluster.url, MORES_DB_POOL: "16" } : {}),
});
const service = await buildNodeService(config, { logger: createLogger("warn"), announce: () => {} });
const headers = { "content-type": "application/json", authorization: `Bearer ${KEY}`, prefer: "return=minimal" };

let next = 0;
async function run(n: number) {
  const end = next + n;
  const worker = async () => {
    while (next < end) {
      const body = bodies[next++ % bodies.length] as string;
      const res = await service.app.request("/v1/communities/default/moderate", { method: "POST", headers, body });
      if (res.status !== 201) throw new Error(`status ${res.status}: ${await res.text()}`);
      await res.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: 50 }, worker));
}

await run(1000); // JIT, caches, the NLP model
const session = await startProfiler();
const cpu = process.cpuUsage();
const started = performance.now();
await run(REQUESTS);
const used = process.cpuUsage(cpu);
const wall = performance.now() - started;
const { profile } = await session.post("Profiler.stop");
session.disconnect();
await service.close();
await rm(dataDir, { recursive: true, force: true });
cluster?.stop();

console.log(
  `${REQUESTS} requests in ${(wall / 1000).toFixed(1)} s: ${Math.round(REQUESTS / (wall / 1000))} req/s in-process, ` +
    `${Math.round((used.user + used.system) / REQUESTS)} µs CPU per request (this process${cluster ? "; PostgreSQL's own processes not counted" : ", PGlite included"})\n`,
);
summariseProfile(profile, 22);
