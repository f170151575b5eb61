import v8 from "node:v8";
import { describe, expect, it } from "vitest";
import { releaseStartMemory } from "../../src/entry/release-start-memory.js";

const youngGenerationMb = () =>
  (v8.getHeapSpaceStatistics().find((s) => s.space_name === "new_space")?.space_size ?? 0) / 2 ** 20;

describe("releaseStartMemory", () => {
  it("shrinks the young generation that a start's allocations grew", async () => {
    // Short-lived arrays that survive a few young collections each, as a start's work does: V8 grows the young
    // generation toward its maximum when much of it survives.
    let live: number[][] = [];
    for (let i = 0; i < 400; i++) {
      live.push(new Array(50_000).fill(i));
      if (live.length > 20) live.shift();
    }
    live = [];
    const grown = youngGenerationMb();
    await releaseStartMemory();
    const after = youngGenerationMb();
    expect(grown).toBeGreaterThan(2);
    expect(after).toBeLessThan(grown / 2);
  });
});
