import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const TICKS = 100; // USER_HZ on Linux

function stat(pid: number): { ppid: number; cpu: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
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
  if (pid === undefined) return 0;
  let total = stat(pid)?.cpu ?? 0;
  let procs: string[] = [];
  try {
    procs = readdirSync("/proc").filter((d) => /^\d+$/.test(d));
  } catch {
    return total;
  }
  for (const d of procs) {
    const s = stat(Number(d));
    if (s && s.ppid === pid) total += s.cpu;
  }
  return total;
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
