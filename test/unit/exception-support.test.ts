import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { EvaluationRequest } from "../../src/domain/index.js";
import { exceptionSupport } from "../../src/moderation/exception-support.js";
import { evaluate } from "../../src/rules/evaluate.js";
import { pack, repoPath } from "../helpers/packs.js";

type Case = {
  text: string;
  kind?: string;
  author?: EvaluationRequest["author"];
  norm: string;
  exception: string;
  stands: boolean;
  because?: string;
};
const cases = parse(readFileSync(repoPath("test/fixtures/exception-support.yaml"), "utf8")) as Case[];

describe("a model's exception stands only where the rules' evidence locates the flagged words", () => {
  it.each(cases.map((c) => [c.stands ? "stands" : "does not stand", c.exception, c.text, c] as const))(
    "%s (%s): %s",
    async (_s, _e, _t, c) => {
      const { compiled } = await pack("norms/default");
      const request: EvaluationRequest = {
        content: { text: c.text, ...(c.kind ? { kind: c.kind } : {}) },
        ...(c.author ? { author: c.author } : {}),
      };
      const evaluation = await evaluate(compiled, request);
      const norm = evaluation.norms.find((n) => n.norm === c.norm);
      expect(norm, `${c.norm} is engaged`).toBeDefined();
      const { groups } = compiled.facts;
      const support = exceptionSupport(norm as NonNullable<typeof norm>, c.exception, c.text, {
        evidence: evaluation.evidence,
        groups,
        declared: groups.resolveAll(c.author?.groups ?? []),
      });
      expect(support.ok).toBe(c.stands);
      if (!support.ok && c.because) expect(support.detail).toContain(c.because);
    },
  );
});

describe("a model's exception on evidence cut short", () => {
  it("does not stand when the evaluation left matches out of its evidence, though it stands on the same words once", async () => {
    const { compiled } = await pack("norms/default");
    const { groups } = compiled.facts;
    const once = 'A guy on the bus called me a "faggot" today. ';
    const check = async (text: string) => {
      const evaluation = await evaluate(compiled, { content: { text } });
      const norm = evaluation.norms.find((n) => n.norm === "slurs");
      expect(norm, "slurs is engaged").toBeDefined();
      const reading = {
        evidence: evaluation.evidence,
        evidenceOmitted: evaluation.evidence_omitted,
        groups,
        declared: [],
      };
      return {
        evaluation,
        support: exceptionSupport(norm as NonNullable<typeof norm>, "counter-speech", text, reading),
      };
    };
    expect((await check(once)).support.ok).toBe(true);
    // The same report, over and over: far more matches than an evaluation carries as evidence.
    const { evaluation, support } = await check(once.repeat(300));
    expect(evaluation.evidence_omitted).toBeGreaterThan(0);
    expect(support.ok).toBe(false);
    if (!support.ok) expect(support.detail).toContain("a moderator decides");
  });
});
