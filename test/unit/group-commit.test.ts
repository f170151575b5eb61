import { describe, expect, it } from "vitest";
import { GroupCommit } from "../../src/lib/group-commit.js";

describe("group commit", () => {
  it("items submitted together share one flush, and each caller gets its own result", async () => {
    const flushes: number[][] = [];
    const gc = new GroupCommit<number, number>(
      async (items) => {
        flushes.push(items);
        return items.map((i) => ({ ok: true as const, value: i * 10 }));
      },
      { maxBatch: 100, maxInFlight: 1 },
    );
    const results = await Promise.all([1, 2, 3, 4].map((i) => gc.submit(i)));
    expect(results).toEqual([10, 20, 30, 40]);
    expect(flushes).toEqual([[1, 2, 3, 4]]);
  });

  it("a caller is answered only after the flush holding its item finished", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    let committed = false;
    const gc = new GroupCommit<string, string>(
      async (items) => {
        await gate;
        committed = true;
        return items.map((v) => ({ ok: true as const, value: v }));
      },
      { maxBatch: 10, maxInFlight: 1 },
    );
    const answer = gc.submit("a").then((v) => ({ v, committed }));
    await new Promise((r) => setTimeout(r, 20));
    expect(committed).toBe(false);
    release();
    expect(await answer).toEqual({ v: "a", committed: true });
  });

  it("splits by maxBatch, keeps at most maxInFlight flushes running, and batches what arrives meanwhile", async () => {
    const sizes: number[] = [];
    let running = 0;
    let peak = 0;
    const gc = new GroupCommit<number, number>(
      async (items) => {
        running++;
        peak = Math.max(peak, running);
        sizes.push(items.length);
        await new Promise((r) => setTimeout(r, 5));
        running--;
        return items.map((v) => ({ ok: true as const, value: v }));
      },
      { maxBatch: 10, maxInFlight: 2 },
    );
    const all = await Promise.all(Array.from({ length: 45 }, (_, i) => gc.submit(i)));
    expect(all).toEqual(Array.from({ length: 45 }, (_, i) => i));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(10);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(45);
    expect(peak).toBe(2);
  });

  it("a failed flush rejects exactly the callers in it; per-item errors reach only their caller", async () => {
    const gc = new GroupCommit<number, number>(
      async (items) => {
        if (items.includes(13)) throw new Error("database down");
        return items.map((v) =>
          v % 2 ? { ok: false as const, error: new Error(`odd ${v}`) } : { ok: true as const, value: v },
        );
      },
      { maxBatch: 100, maxInFlight: 1 },
    );
    const settled = await Promise.allSettled([gc.submit(2), gc.submit(3)]);
    expect(settled.map((s) => s.status)).toEqual(["fulfilled", "rejected"]);
    await expect(gc.submit(13)).rejects.toThrow("database down");
    await expect(gc.submit(4)).resolves.toBe(4); // the writer keeps working after a failure
  });
});

describe("group commit: one bad item does not fail its neighbours", () => {
  const refused = (v: number) => Object.assign(new Error(`refused ${v}`), { data: true });
  /** A flush that, like the database, refuses the whole statement if any item in it is bad. */
  const writer = (bad: Set<number>, written: number[], isolate?: (e: unknown) => boolean) =>
    new GroupCommit<number, number>(
      async (items) => {
        const b = items.find((i) => bad.has(i));
        if (b !== undefined) throw refused(b);
        written.push(...items);
        return items.map((v) => ({ ok: true as const, value: v }));
      },
      { maxBatch: 1000, maxInFlight: 1, ...(isolate ? { isolate } : {}) },
    );

  it("a data error is bisected: every good item commits, only the bad ones fail, with their own error", async () => {
    const bad = new Set([3, 97, 98, 250]);
    const written: number[] = [];
    const gc = writer(bad, written, (e) => (e as { data?: boolean }).data === true);
    const settled = await Promise.allSettled(Array.from({ length: 300 }, (_, i) => gc.submit(i)));
    settled.forEach((s, i) => {
      if (bad.has(i)) expect(s).toEqual({ status: "rejected", reason: refused(i) });
      else expect(s).toEqual({ status: "fulfilled", value: i });
    });
    expect(written.sort((a, b) => a - b)).toEqual(Array.from({ length: 300 }, (_, i) => i).filter((i) => !bad.has(i)));
  });

  it("an error that is not about the data (the database is down) fails the batch once, without retries", async () => {
    let flushes = 0;
    const gc = new GroupCommit<number, number>(
      async () => {
        flushes++;
        throw new Error("connection refused");
      },
      { maxBatch: 1000, maxInFlight: 1, isolate: () => false },
    );
    const settled = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => gc.submit(i)));
    expect(settled.every((s) => s.status === "rejected")).toBe(true);
    expect(flushes).toBe(1);
  });

  it("without isolation (the old behaviour) one bad item fails every neighbour: the test above can fail", async () => {
    const gc = writer(new Set([5]), []);
    const settled = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => gc.submit(i)));
    expect(settled.filter((s) => s.status === "rejected").length).toBe(20);
  });
  it("with weighed items, a flush stops before it would pass maxWeight, and always takes at least one item", async () => {
    const flushes: number[][] = [];
    const gc = new GroupCommit<number, number>(
      async (items) => {
        flushes.push(items);
        return items.map((i) => ({ ok: true as const, value: i }));
      },
      { maxBatch: 100, maxInFlight: 1, maxWeight: 10, weigh: (i) => i },
    );
    await Promise.all([3, 4, 3, 12, 1, 2].map((i) => gc.submit(i)));
    expect(flushes).toEqual([[3, 4, 3], [12], [1, 2]]);
  });
});
