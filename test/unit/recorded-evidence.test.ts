import { describe, expect, it } from "vitest";
import { CATEGORY } from "../../src/domain/index.js";
import type { Evidence } from "../../src/facts/compute.js";
import { evaluate } from "../../src/rules/evaluate.js";
import { MAX_RECORDED_EVIDENCE, recordedEvidence } from "../../src/rulings/recorded-evidence.js";
import { pack } from "../helpers/packs.js";

const match = (i: number, category: string): Evidence => ({
  lexicon: "l",
  term: category === CATEGORY.insult ? "moron" : "you",
  category,
  sentence: 0,
  quoted: false,
  span: [i * 10, i * 10 + 3],
  excerpt: "x",
});

describe("the evidence a ruling records", () => {
  it("is every match for an ordinary text", () => {
    const evidence = [match(0, CATEGORY.secondPerson), match(1, CATEGORY.insult)];
    expect(recordedEvidence(evidence)).toEqual({ kept: evidence, omitted: 0 });
  });

  it("past the bound, keeps flagged terms before cue words, in text order, and counts the rest", () => {
    // "you moron, you moron, …": a cue word and a flagged term in turn, far past the bound.
    const evidence = Array.from({ length: 3 * MAX_RECORDED_EVIDENCE }, (_, i) =>
      match(i, i % 3 === 2 ? CATEGORY.insult : CATEGORY.secondPerson),
    );
    const { kept, omitted } = recordedEvidence(evidence);
    expect(kept).toHaveLength(MAX_RECORDED_EVIDENCE);
    expect(omitted).toBe(2 * MAX_RECORDED_EVIDENCE);
    expect(kept.every((e) => e.category === CATEGORY.insult)).toBe(true);
    const starts = kept.map((e) => e.span[0]);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });

  it("fills the bound with cue words when flagged terms are fewer", () => {
    const evidence = Array.from({ length: MAX_RECORDED_EVIDENCE + 10 }, (_, i) =>
      match(i, i === MAX_RECORDED_EVIDENCE + 5 ? CATEGORY.insult : CATEGORY.secondPerson),
    );
    const { kept, omitted } = recordedEvidence(evidence);
    expect(kept).toHaveLength(MAX_RECORDED_EVIDENCE);
    expect(omitted).toBe(10);
    expect(kept.some((e) => e.category === CATEGORY.insult)).toBe(true);
  });

  it("counts the matches the evaluation itself left out", () => {
    const evidence = [match(0, CATEGORY.secondPerson), match(1, CATEGORY.insult)];
    expect(recordedEvidence(evidence, 7)).toEqual({ kept: evidence, omitted: 7 });
  });
});

describe("the evidence an evaluation carries", () => {
  it("is bounded as a ruling's is, while its facts read every match", async () => {
    const { compiled } = await pack("norms/default");
    // 2,000 "you" and 2,000 "moron": the same selection a ruling records, and the count of the rest.
    const evaluation = await evaluate(compiled, { content: { text: "you moron, ".repeat(2000) } });
    expect(evaluation.evidence).toHaveLength(MAX_RECORDED_EVIDENCE);
    expect(evaluation.evidence_omitted).toBe(4000 - MAX_RECORDED_EVIDENCE);
    expect(evaluation.evidence.every((e) => e.term === "moron")).toBe(true);
    expect(evaluation.facts.insult_to_addressee).toBe(true);
    expect(evaluation.facts.terms).toEqual(expect.arrayContaining(["you", "moron"]));
    // A short text keeps every match and says nothing of omissions.
    const short = await evaluate(compiled, { content: { text: "you moron" } });
    expect(short.evidence).toHaveLength(2);
    expect("evidence_omitted" in short).toBe(false);
  });
});
