import { spawn } from "node:child_process";
import { once } from "node:events";
import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { cpuSeconds, loopsBetween, mainThreadSeconds } from "../../bench/proc-stats.js";

/** Spins this thread for `ms` of wall time. */
function spin(ms: number) {
  const until = performance.now() + ms;
  let x = 0;
  while (performance.now() < until) x += Math.sqrt(x + 1);
  return x;
}

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
        // Clock ticks are 10 ms: 300 ms of spinning shows as at least 200.
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
      // A worker thread spins for 300 ms while this thread only waits for it.
      const worker = new Worker(
        "const until = performance.now() + 300; let x = 0; while (performance.now() < until) x += Math.sqrt(x + 1);",
        { eval: true },
      );
      await once(worker, "exit");
      const loop = (mainThreadSeconds(process.pid).get(process.pid) ?? 0) - loopBefore;
      const all = cpuSeconds(process.pid) - allBefore;
      expect(all).toBeGreaterThanOrEqual(0.2);
      expect(loop).toBeLessThan(0.15);
    },
  );
});
