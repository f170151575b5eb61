/**
 * Where the p99 of POST /moderate comes from: `npm start`'s compiled entry on a throwaway PostgreSQL (fsync on),
 * one process, loaded by wrk as `npm run bench` loads it, with bench/loop-watch.mjs preloaded: after the warm-up,
 * the measured run's req/s, p50/p99, server CPU per answer, the event loop's delay and every GC pause by kind.
 * `flags=` passes V8/Node flags to the server (e.g. `flags=--max-semi-space-size=64`), to compare GC settings
 * in alternated runs.
 * Usage: npx tsx bench/latency-tail.ts [flags=… warm=15 seconds=6 path=moderate|check]
 */
import { loadedServer } from "./loaded-server.js";
import { cpuSeconds } from "./proc-stats.js";
import { wrk } from "./wrk.js";

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] as [string, string]),
);
const flags = (args.flags ?? "").split(" ").filter(Boolean);
const server = await loadedServer("latency-tail", () => ["--import", "./bench/loop-watch.mjs", ...flags]);
const { mores } = server;
try {
  const target = `${server.url}/v1/communities/default/${args.path ?? "moderate"}`;
  const options = server.load;
  await wrk(target, { ...options, seconds: Number(args.warm ?? 15) });
  mores.kill("SIGUSR2"); // loop-watch starts counting here
  const cpu = cpuSeconds(mores.pid);
  const r = await wrk(target, { ...options, seconds: Number(args.seconds ?? 6) });
  const us = ((cpuSeconds(mores.pid) - cpu) * 1e6) / Math.max(1, r.ok + r.failed);
  console.log(
    `${flags.join(" ") || "(no flags)"}: ${Math.round(r.rps)} req/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, ${Math.round(us)} µs server CPU per answer, ${r.failed} failed`,
  );
} finally {
  await server.close(); // loop-watch prints its line on the server's stderr as it exits
}
