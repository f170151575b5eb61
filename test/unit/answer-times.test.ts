import { describe, expect, it } from "vitest";
import { between } from "../../bench/answer-times.js";

const reading = (counts: Array<[number, number]>) => new Map(counts);
const INF = Number.POSITIVE_INFINITY;

describe("bench/answer-times between", () => {
  it("reads a run's p99 bound and its share over 50 ms from two cumulative readings", () => {
    const before = reading([
      [0.01, 10],
      [0.025, 20],
      [0.05, 30],
      [0.1, 40],
      [INF, 40],
    ]);
    // The run added 1,000 answers: 600 under 10 ms, 300 more under 25, 80 more under 50, 15 under 100, 5 slower.
    const after = reading([
      [0.01, 610],
      [0.025, 920],
      [0.05, 1010],
      [0.1, 1035],
      [INF, 1040],
    ]);
    const r = between(before, after);
    expect(r?.answers).toBe(1000);
    expect(r?.p99AtMostMs).toBe(100);
    expect(r?.overShare).toBeCloseTo(0.02, 10);
  });

  it("says nothing for a run without answers, and infinity when the slowest bucket holds the p99", () => {
    const same = reading([
      [0.05, 5],
      [INF, 5],
    ]);
    expect(between(same, same)).toBeUndefined();
    const slow = between(
      reading([]),
      reading([
        [0.05, 1],
        [INF, 10],
      ]),
    );
    expect(slow?.p99AtMostMs).toBe(INF);
    expect(slow?.overShare).toBeCloseTo(0.9, 10);
  });
});
