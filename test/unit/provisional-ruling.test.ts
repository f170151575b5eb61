import { describe, expect, it } from "vitest";
import { applySettingsPatch, defaultSettings, type NormResult } from "../../src/domain/index.js";
import { provisionalEvaluation } from "../../src/moderation/provisional.js";
import { combineOutcomes } from "../../src/rules/combine-outcomes.js";
import type { Evaluation } from "../../src/rules/evaluate.js";

/** What a provisional ruling decides while the model judges, per the community's `judgment.interim`. */
const norm = (o: Partial<NormResult> & Pick<NormResult, "norm" | "outcome" | "action">): NormResult =>
  ({ title: o.norm, severity: "high", trace: { exceptions: [] }, ...o }) as NormResult;

const evaluation = (norms: NormResult[]): Evaluation =>
  ({
    facts: {},
    evidence: [],
    work: { candidates: 0, engine_runs: 0 },
    norms,
    ...combineOutcomes(norms),
  }) as unknown as Evaluation;

const slur = norm({ norm: "slurs", outcome: "needs_judgment", action: "remove" });
const label = norm({ norm: "spam", outcome: "violated", action: "label" });
const rules = applySettingsPatch(defaultSettings(), { judgment: { interim: "rules" } });

describe("the provisional ruling's interim action", () => {
  it("review (the default) holds the content, and says the judgment is pending", () => {
    const p = provisionalEvaluation(evaluation([slur, label]), defaultSettings());
    expect(p.decision).toBe("review");
    expect(p.causes.slurs).toMatch(/judgment is pending/);
    expect(p.norms.find((n) => n.norm === "slurs")?.outcome).toBe("needs_judgment");
  });

  it("rules applies the pending norm's own action, the most severe one winning", () => {
    expect(provisionalEvaluation(evaluation([slur, label]), rules).decision).toBe("remove");
    const hide = norm({ norm: "insults", outcome: "needs_judgment", action: "hide" });
    expect(provisionalEvaluation(evaluation([hide, label]), rules).decision).toBe("hide");
  });

  it("rules still goes through the escalation policy", () => {
    const held = applySettingsPatch(rules, { escalation: { hold_removals_from: "medium" } });
    expect(provisionalEvaluation(evaluation([slur]), held).decision).toBe("review");
  });
});
