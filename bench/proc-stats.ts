import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const TICKS = 100; // USER_HZ on Linux

/** A process's /proc stat, or with `thread` its main thread's alone (the thread whose id is the process's). */
function stat(pid: number, thread = false): { ppid: number; cpu: number } | undefined {
  try {
    const text = readFileSync(thread ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`, "utf8");
    // The command name may hold spaces: fields count from after its closing parenthesis.
    const f = text.slice(text.lastIndexOf(")") + 2).split(" ");
    return { ppid: Number(f[1]), cpu: (Number(f[11]) + Number(f[12])) / TICKS };
  } catch {
    return undefined;
  }
}

/**
 * CPU seconds used so far by a process and its children (cluster workers), from /proc (Linux only; 0
 * elsewhere). On a shared, busy machine, CPU per answer says more than req/s, which follows whatever else runs.
 */
export function cpuSeconds(pid: number | undefined): number {
  let total = 0;
  for (const seconds of familySeconds(pid).values()) total += seconds;
  return total;
}

/**
 * CPU seconds so far of the main thread of a process and of each of its children, by process id: for Node, the
 * event loop's thread, without V8's garbage-collector and compiler threads and libuv's pool, which `cpuSeconds`
 * counts. The busiest one's share of a run's wall time says whether an event loop was saturated.
 */
export function mainThreadSeconds(pid: number | undefined): Map<number, number> {
  return familySeconds(pid, true);
}

/**
 * Between two readings of mainThreadSeconds over `wallSeconds`: the event loops' CPU seconds in all, and the busiest
 * loop's share of the wall time (a process that started in between counts from zero).
 */
export function loopsBetween(
  before: Map<number, number>,
  after: Map<number, number>,
  wallSeconds: number,
): { seconds: number; busiest: number } {
  let seconds = 0;
  let most = 0;
  for (const [pid, now] of after) {
    const used = now - (before.get(pid) ?? 0);
    seconds += used;
    most = Math.max(most, used);
  }
  return { seconds, busiest: most / wallSeconds };
}

function familySeconds(pid: number | undefined, thread = false): Map<number, number> {
  const seconds = new Map<number, number>();
  if (pid === undefined) return seconds;
  seconds.set(pid, stat(pid, thread)?.cpu ?? 0);
  let procs: string[] = [];
  try {
    procs = readdirSync("/proc").filter((d) => /^\d+$/.test(d));
  } catch {
    return seconds;
  }
  for (const d of procs) {
    const child = Number(d);
    const s = stat(child);
    if (s?.ppid !== pid) continue;
    // The process's stat says whose child it is; its main thread's, when asked, gives the seconds.
    const cpu = thread ? stat(child, true)?.cpu : s.cpu;
    if (cpu !== undefined) seconds.set(child, cpu);
  }
  return seconds;
}

/** Resident memory (VmRSS) of a process in MB, from /proc (Linux only; 0 elsewhere or once it is gone). */
export function rssMb(pid: number | undefined): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** The running PostgreSQL server's process (the postmaster) of a data directory, from its `postmaster.pid`. */
export function postmasterPid(dataDir: string): number {
  return Number(readFileSync(join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
}
