import { describe, expect, it } from "vitest";
import { runNow, turnBatch } from "../../src/lib/turn-batch.js";

const spin = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};

describe("evaluations batched per event-loop turn", () => {
  it("runs the tasks queued in one turn later, back to back, with no other callback between them", async () => {
    const batch = turnBatch();
    const log: string[] = [];
    const a = batch(async () => log.push("a"));
    setImmediate(() => log.push("other callback"));
    const b = batch(async () => log.push("b"));
    const c = batch(async () => log.push("c"));
    expect(log).toEqual([]); // nothing ran where it was asked for
    await Promise.all([a, b, c]);
    await new Promise((r) => setImmediate(r));
    expect(log).toEqual(["a", "b", "c", "other callback"]);
  });

  it("gives each caller its own result or failure, and a failing task does not stop the others", async () => {
    const batch = turnBatch();
    const results = await Promise.allSettled([
      batch(async () => 1),
      batch(() => {
        throw new Error("thrown before any promise");
      }),
      batch(async () => {
        throw new Error("rejected");
      }),
      batch(async () => "four"),
    ]);
    expect(results.map((r) => (r.status === "fulfilled" ? r.value : (r.reason as Error).message))).toEqual([
      1,
      "thrown before any promise",
      "rejected",
      "four",
    ]);
  });

  it("yields the event loop once a batch has run for its budget, and runs the rest in a later turn", async () => {
    const batch = turnBatch(5);
    const log: string[] = [];
    const tasks = Array.from({ length: 6 }, (_, i) =>
      batch(async () => {
        spin(2);
        log.push(`task ${i}`);
      }),
    );
    // Queued after the first batch was scheduled: runs when that batch yields, and queues a task of its own.
    let late: Promise<unknown> | undefined;
    setImmediate(() => {
      log.push("other callback");
      late = batch(async () => log.push("late task"));
    });
    await Promise.all(tasks);
    await late;
    const other = log.indexOf("other callback");
    expect(other).toBeGreaterThan(0);
    expect(other).toBeLessThan(log.length - 2);
    // First come, first run: the late task after those still waiting when it came.
    expect(log.filter((l) => l.includes("task"))).toEqual([...[0, 1, 2, 3, 4, 5].map((i) => `task ${i}`), "late task"]);
  });

  it("starts a new batch for tasks queued after the last one ran", async () => {
    const batch = turnBatch();
    expect(await batch(async () => "first")).toBe("first");
    expect(await batch(async () => "second")).toBe("second");
    expect(await Promise.all([batch(async () => 3), batch(async () => 4)])).toEqual([3, 4]);
  });

  it("runNow runs a task where it is asked for (a Worker serves one request)", async () => {
    const log: string[] = [];
    const done = runNow(async () => log.push("ran"));
    expect(log).toEqual(["ran"]);
    await done;
  });
});
