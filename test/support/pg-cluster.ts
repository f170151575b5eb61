import { execFile, execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { freePort } from "./free-port.js";

/**
 * A throwaway PostgreSQL cluster from Debian's binaries, for tests and
 * benchmarks: initdb with trust auth on loopback, fsync off. Returns null when
 * the binaries are not installed (CI installs them; see .ci/run).
 */
export type PgCluster = {
  url: string;
  /** The server's data directory (its `postmaster.pid` names the running server's process). */
  dataDir: string;
  /** Stops the server and deletes the cluster. */
  stop(): void;
  /**
   * An outage: the server stops at once (like a crash), keeping its data, until `up`.
   * Asynchronous, so a service in the same process keeps answering meanwhile.
   */
  down(): Promise<void>;
  /** Starts the stopped server again on the same port and data. */
  up(): Promise<void>;
};

function binDir(): string | null {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, "bin", "initdb")));
  versions.sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], "bin") : null;
}

export async function startPgCluster(options: { durable?: boolean } = {}): Promise<PgCluster | null> {
  const bin = binDir();
  if (!bin) return null;
  const dir = mkdtempSync("/tmp/mores-pg-");
  const data = join(dir, "data");
  // initdb refuses to run as root: run the server as the postgres user then.
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) => {
    const [file, argv] = asRoot
      ? ["runuser", ["-u", "postgres", "--", join(bin, cmd), ...args]]
      : [join(bin, cmd), args];
    const r = spawnSync(file, argv, { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout}`);
  };
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    chownSync(dir, uid, gid);
  }
  run("initdb", ["-D", data, "--auth=trust", "-U", "postgres", "-E", "UTF8", "--no-sync"]);
  const port = await freePort();
  const settings = [
    `-p ${port}`,
    `-k ${dir}`,
    "-c listen_addresses=127.0.0.1",
    // The workerd suites open a connection (or more) per concurrent request, several suites at once, beside the
    // Node services' pools: a burst of 300 requests in each must not find the server out of connections.
    "-c max_connections=2000",
    // Tests want speed; the benchmark keeps the defaults so "durably recorded" means what it says.
    ...(options.durable ? [] : ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]),
  ].join(" ");
  const runAsync = (cmd: string, args: string[]) => {
    const [file, argv] = asRoot
      ? ["runuser", ["-u", "postgres", "--", join(bin, cmd), ...args]]
      : [join(bin, cmd), args];
    return new Promise<void>((resolve, reject) =>
      execFile(file, argv, (e, _out, stderr) => (e ? reject(new Error(`${cmd} failed: ${stderr}`)) : resolve())),
    );
  };
  const startArgs = ["-D", data, "-o", settings, "-l", join(dir, "server.log"), "-w", "start"];
  const stopArgs = ["-D", data, "-m", "immediate", "-w", "stop"];
  let running = false;
  run("pg_ctl", startArgs);
  running = true;
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    dataDir: data,
    down: async () => {
      await runAsync("pg_ctl", stopArgs);
      running = false;
    },
    up: async () => {
      await runAsync("pg_ctl", startArgs);
      running = true;
    },
    stop: () => {
      try {
        if (running) run("pg_ctl", stopArgs);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
