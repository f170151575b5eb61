/**
 * npm run bench:start — how long `npm start`'s server takes to answer /ready on PGlite, and how much memory it
 * holds idle: a first start on an empty folder, then restarts on the same folder, alternating `rounds` times
 * (each round a new folder). The server runs as `npm start` runs it (node, the flags in package.json,
 * dist/entry/node.js; `npm run build` first), timed from the spawn to the first 200 from /ready; RSS from
 * /proc at that moment and `idle` seconds later (V8 gives memory back only after a few idle seconds).
 *
 * Run on demand, not in CI. Usage: npm run bench:start [-- rounds=3 restarts=2 idle=30 flags=--no-liftoff-only]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../test/support/free-port.js";
import { rssMb } from "./proc-stats.js";
import { spawnMores, startFlags, stop, waitFor } from "./serve.js";

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.split(/=(.*)/s) as [string, string]));
const ROUNDS = Number(args.rounds ?? 3);
const RESTARTS = Number(args.restarts ?? 2);
const IDLE_S = Number(args.idle ?? 30);
const EXTRA_FLAGS = (args.flags ?? "").split(",").filter(Boolean);

async function startOnce(dataDir: string) {
  const port = await freePort();
  const t0 = performance.now();
  const proc = spawnMores(port, { MORES_DATA_DIR: dataDir }, EXTRA_FLAGS);
  // Polled every 20 ms: the start is what is measured.
  await waitFor(`http://127.0.0.1:${port}/ready`, proc, "GET", 20);
  const readyS = (performance.now() - t0) / 1000;
  const atReady = rssMb(proc.pid);
  await new Promise((r) => setTimeout(r, IDLE_S * 1000));
  const idle = rssMb(proc.pid);
  await stop(proc);
  return { readyS, atReady, idle };
}

const rows: string[] = [];
for (let round = 1; round <= ROUNDS; round++) {
  const dataDir = mkdtempSync(join(tmpdir(), "mores-bench-start-"));
  for (let i = 0; i <= RESTARTS; i++) {
    const r = await startOnce(dataDir);
    rows.push(
      `| ${round} | ${i === 0 ? "first start" : "restart"} | ${r.readyS.toFixed(2)} | ${Math.round(r.atReady)} | ${Math.round(r.idle)} |`,
    );
    console.error(rows.at(-1));
  }
  rmSync(dataDir, { recursive: true, force: true });
}
console.log(`\nflags: ${[...startFlags("."), ...EXTRA_FLAGS].join(" ")}\n`);
console.log(
  `| round | start | s to /ready | RSS MB at /ready | RSS MB after ${IDLE_S} s idle |\n|---|---|---|---|---|`,
);
console.log(rows.join("\n"));
