/**
 * npm run bench:start — how long `npm start`'s server takes to answer /ready on PGlite, and how much memory it
 * holds idle: a first start on an empty folder, then restarts on the same folder, alternating `rounds` times
 * (each round a new folder). The server runs as `npm start` runs it (node, the flags in package.json,
 * dist/entry/node.js; `npm run build` first), timed from the spawn to the first 200 from /ready; RSS from
 * /proc at that moment and `idle` seconds later (V8 gives memory back only after a few idle seconds).
 *
 * Run on demand, not in CI. Usage: npm run bench:start [-- rounds=3 restarts=2 idle=30 flags=--no-liftoff-only]
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../test/support/free-port.js";
import { OPERATOR_KEY, startFlags, stop } from "./serve.js";

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.split(/=(.*)/s) as [string, string]));
const ROUNDS = Number(args.rounds ?? 3);
const RESTARTS = Number(args.restarts ?? 2);
const IDLE_S = Number(args.idle ?? 30);
const EXTRA_FLAGS = (args.flags ?? "").split(",").filter(Boolean);

const rssMb = (pid: number) =>
  Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function startOnce(dataDir: string) {
  const port = await freePort();
  const t0 = performance.now();
  const proc = spawn(process.execPath, [...startFlags("."), ...EXTRA_FLAGS, "dist/entry/node.js"], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      MORES_DATA_DIR: dataDir,
      MORES_OPERATOR_KEY: OPERATOR_KEY,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`the server exited with ${proc.exitCode}`);
    const ok = await fetch(`http://127.0.0.1:${port}/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await sleep(20);
  }
  const readyS = (performance.now() - t0) / 1000;
  const pid = proc.pid as number;
  const atReady = rssMb(pid);
  await sleep(IDLE_S * 1000);
  const idle = rssMb(pid);
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
