import { describe, expect, it } from "vitest";
import { LatencyEstimate } from "../../src/lib/latency-estimate.js";
import { judgmentDeadline } from "../../src/moderation/moderate.js";

/**
 * `Prefer: wait=N` is for the whole answer: the model gets what is left of N once the rules ran and the ruling's
 * write (as recent writes went) is set aside, so the provisional answer reaches the platform near N, not N plus a
 * write.
 */
describe("the model's share of a Prefer: wait", () => {
  it("is the wait less the rules' time and the write's, never below zero", () => {
    expect(judgmentDeadline(200, 15, 30)).toBe(155);
    expect(judgmentDeadline(200, 0, 0)).toBe(200);
    expect(judgmentDeadline(200, 190, 30)).toBe(0);
  });

  it("leaves the model at least half the wait however slow the writes are", () => {
    expect(judgmentDeadline(200, 0, 5_000)).toBe(100);
  });
});

describe("a running estimate of write time", () => {
  it("knows nothing before the first write, then starts from it", () => {
    const estimate = new LatencyEstimate();
    expect(estimate.upper).toBe(0);
    estimate.observe(20);
    expect(estimate.upper).toBeGreaterThanOrEqual(20);
  });

  it("settles near a steady time, lifts for a slow write only for the next few dozen, follows a slower database", () => {
    const estimate = new LatencyEstimate();
    for (let i = 0; i < 50; i++) estimate.observe(i % 2 === 0 ? 18 : 22);
    const steady = estimate.upper;
    expect(steady).toBeGreaterThan(20);
    expect(steady).toBeLessThan(32);

    estimate.observe(400);
    expect(estimate.upper).toBeGreaterThan(steady);
    for (let i = 0; i < 40; i++) estimate.observe(20);
    expect(estimate.upper).toBeLessThan(32);

    for (let i = 0; i < 30; i++) estimate.observe(80);
    expect(estimate.upper).toBeGreaterThan(78);
    expect(estimate.upper).toBeLessThan(100);
  });
});
