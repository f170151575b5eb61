import { describe, expect, it } from "vitest";
import { RULING_OUTCOMES, SEVERITIES } from "../../src/domain/index.js";
import { NOT_ENGAGED, openaiScores, perspectiveScore, SCORE_TABLE } from "../../src/shims/scores.js";

describe("scores from rulings", () => {
  it("are monotone: every violation above every review, above every exception, above not engaged; rising with severity", () => {
    const order = ["excepted", "needs_review", "violated"] as const;
    expect([...order].sort()).toEqual([...RULING_OUTCOMES].sort());
    for (const [i, outcome] of order.entries()) {
      const row = SEVERITIES.map((s) => SCORE_TABLE[outcome][s]);
      expect(row).toEqual([...row].sort((a, b) => a - b));
      const below =
        i === 0 ? NOT_ENGAGED : Math.max(...SEVERITIES.map((s) => SCORE_TABLE[order[i - 1] as typeof outcome][s]));
      expect(Math.min(...row)).toBeGreaterThan(below);
    }
    expect(SCORE_TABLE.violated.high).toBeGreaterThanOrEqual(0.9);
  });

  it("an attribute takes the highest informing norm; spans are that norm's evidence, merged by span", () => {
    const declared = (id: string) =>
      ({
        slurs: { perspective: ["IDENTITY_ATTACK" as const], openai: ["hate" as const], evidence: ["slur"] },
        harassment: { perspective: ["IDENTITY_ATTACK" as const, "INSULT" as const], openai: ["harassment" as const] },
      })[id];
    const ruling = {
      norms: [
        { id: "slurs", outcome: "excepted" as const, severity: "high" as const },
        { id: "harassment", outcome: "needs_review" as const, severity: "medium" as const },
      ],
      evidence: [
        { category: "slur", span: [4, 8] as const },
        { category: "insult", span: [10, 15] as const },
        { category: "second-person", span: [0, 3] as const },
      ],
    };
    const attack = perspectiveScore(ruling, declared, "IDENTITY_ATTACK");
    expect(attack.score).toBe(SCORE_TABLE.needs_review.medium);
    expect(attack.spans).toEqual([
      { begin: 4, end: 8, score: SCORE_TABLE.needs_review.medium },
      { begin: 10, end: 15, score: SCORE_TABLE.needs_review.medium },
    ]);
    expect(perspectiveScore(ruling, declared, "THREAT")).toEqual({ score: 0, spans: [] });
    const { scores, flagged } = openaiScores(ruling, declared);
    expect(scores.hate).toBe(SCORE_TABLE.excepted.high);
    expect(Object.values(flagged).some(Boolean)).toBe(false);
    expect(Object.keys(scores)).toHaveLength(13);
  });
});
