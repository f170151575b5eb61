import { describe, expect, it } from "vitest";
import type { Action, NormResult } from "../../src/domain/index.js";
import { combineOutcomes } from "../../src/rules/combine-outcomes.js";

const r = (norm: string, outcome: NormResult["outcome"], action: Action): NormResult => ({
  norm,
  title: norm,
  outcome,
  action,
  severity: "medium",
  trace: { trigger: { all: [] }, exceptions: [] },
});

describe("combineOutcomes: norm outcomes → one decision", () => {
  const table: Array<[string, NormResult[], ReturnType<typeof combineOutcomes>]> = [
    ["nothing engaged", [], { decision: "allow", violated: [], pending: [] }],
    ["only excepted", [r("a", "excepted", "remove")], { decision: "allow", violated: [], pending: [] }],
    ["one violation", [r("a", "violated", "hide")], { decision: "hide", violated: ["a"], pending: [] }],
    [
      "the most severe action wins",
      [r("a", "violated", "label"), r("b", "violated", "remove"), r("c", "violated", "hide")],
      { decision: "remove", violated: ["b"], pending: [] },
    ],
    [
      "judgment is surfaced, not guessed",
      [r("a", "needs_judgment", "remove")],
      { decision: "review", violated: [], pending: ["a"] },
    ],
    [
      "judgment that could make it worse goes to review",
      [r("a", "violated", "label"), r("b", "needs_judgment", "hide")],
      { decision: "review", violated: ["a"], pending: ["b"] },
    ],
    [
      "judgment that cannot change a removal does not hold it up",
      [r("a", "violated", "remove"), r("b", "needs_judgment", "hide")],
      { decision: "remove", violated: ["a"], pending: [] },
    ],
    [
      "judgment that cannot outrank the violation is not pending",
      [r("a", "violated", "hide"), r("b", "needs_judgment", "label")],
      { decision: "hide", violated: ["a"], pending: [] },
    ],
    [
      "escalate sends to review",
      [r("a", "violated", "escalate")],
      { decision: "review", violated: ["a"], pending: [] },
    ],
    [
      "escalate beside a removal: removed",
      [r("a", "violated", "escalate"), r("b", "violated", "remove")],
      { decision: "remove", violated: ["a", "b"], pending: [] },
    ],
  ];
  it.each(table)("%s", (_name, results, expected) => {
    expect(combineOutcomes(results)).toEqual(expected);
  });
});
