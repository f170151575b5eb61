import { spawn } from "node:child_process";
import { once } from "node:events";
import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { cpuSeconds, loopsBetween, mainThreadSeconds } from "../../bench/proc-stats.js";

/**
 * Spins the calling thread until the process has used `ms` more of CPU, not of wall time: on a busy machine (CI runs
 * beside other work) a thread spinning 300 ms of wall time may get 180 ms of a core. The same source runs in this
 * thread and, as text, in a worker thread.
 */
const SPIN = `(ms) => {
  const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
  const until = cpuMs() + ms;
  let x = 0;
  while (cpuMs() < until) x += Math.sqrt(x + 1);
  return x;
}`;
const spin = new Function(`return ${SPIN}`)() as (ms: number) => number;

describe("bench/proc-stats event loops", () => {
  it("sums the loops' CPU and takes the busiest one's share of the wall time, by process id", () => {
    const before = new Map([
      [10, 1.0],
      [11, 5.0],
    ]);
    // 11 used 1.5 s of its 2 s; 12 started during the run and used 0.5 s; 10 used 0.2 s.
    const after = new Map([
      [10, 1.2],
      [11, 6.5],
      [12, 0.5],
    ]);
    const loops = loopsBetween(before, after, 2);
    expect(loops.seconds).toBeCloseTo(2.2, 10);
    expect(loops.busiest).toBeCloseTo(0.75, 10);
  });

  it.skipIf(process.platform !== "linux")(
    "reads this process's main thread and each child's apart, and the process's whole CPU at least as high",
    async () => {
      const child = spawn(process.execPath, ["-e", "setTimeout(() => {}, 5000)"], { stdio: "ignore" });
      try {
        await new Promise((resolve) => setTimeout(resolve, 200));
        const before = mainThreadSeconds(process.pid);
        spin(300);
        const after = mainThreadSeconds(process.pid);
        expect([...after.keys()]).toEqual(expect.arrayContaining([process.pid, child.pid]));
        // Clock ticks are 10 ms: 300 ms of CPU spun here shows as at least 200 on this thread.
        expect((after.get(process.pid) ?? 0) - (before.get(process.pid) ?? 0)).toBeGreaterThanOrEqual(0.2);
        // The idle child's loop hardly ran.
        expect((after.get(child.pid as number) ?? 1) - (before.get(child.pid as number) ?? 0)).toBeLessThan(0.1);
        let mainThreads = 0;
        for (const seconds of after.values()) mainThreads += seconds;
        expect(cpuSeconds(process.pid)).toBeGreaterThanOrEqual(mainThreads);
      } finally {
        child.kill();
        await once(child, "exit");
      }
    },
  );

  it.skipIf(process.platform !== "linux")(
    "leaves out the process's other threads, which cpuSeconds counts",
    async () => {
      const loopBefore = mainThreadSeconds(process.pid).get(process.pid) ?? 0;
      const allBefore = cpuSeconds(process.pid);
      // A worker thread spins for 300 ms of CPU while this thread only waits for it.
      const worker = new Worker(`(${SPIN})(300)`, { eval: true });
      await once(worker, "exit");
      const loop = (mainThreadSeconds(process.pid).get(process.pid) ?? 0) - loopBefore;
      const all = cpuSeconds(process.pid) - allBefore;
      expect(all).toBeGreaterThanOrEqual(0.2);
      expect(loop).toBeLessThan(0.15);
    },
  );
});
