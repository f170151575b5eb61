import { describe, expect, it } from "vitest";
import { readDecisionForm, upheldDecision } from "../../src/console/decision-form.js";
import { pieces } from "../../src/console/highlight.js";
import type { Ruling } from "../../src/domain/index.js";

const evidence = (spans: Array<[number, number]>) =>
  spans.map(([a, b]) => ({
    lexicon: "l",
    term: "t",
    category: "c",
    sentence: 0,
    quoted: false,
    span: [a, b],
  })) as Ruling["evidence"];

describe("evidence highlighting", () => {
  it("marks each span, merges overlapping ones, and clips spans past the text", () => {
    const text = "you are a total idiot";
    const got = pieces(
      text,
      evidence([
        [16, 21],
        [4, 7],
        [6, 9],
        [19, 99],
      ]),
    );
    expect(got.filter((p) => p.marked).map((p) => p.text)).toEqual(["are a", "idiot"]);
    expect(got.map((p) => p.text).join("")).toBe(text);
  });
  it("leaves a text without evidence whole", () => {
    expect(pieces("hello", [])).toEqual([{ text: "hello", marked: false }]);
  });
});

describe("the decision form", () => {
  const offered = ["counter-speech"];
  it("allows on an offered exception, upholds with the norms' action, modifies to the decision chosen", () => {
    expect(
      readDecisionForm({ choice: "allow", exception: "counter-speech", rationale: " ok " }, offered, "remove"),
    ).toEqual({ choice: "allow", decision: "allow", exception: "counter-speech", rationale: "ok" });
    expect(readDecisionForm({ choice: "uphold", exception: "", rationale: "r" }, offered, "hide").decision).toBe(
      "hide",
    );
    expect(readDecisionForm({ choice: "modify", decision: "label", rationale: "r" }, offered, "hide").decision).toBe(
      "label",
    );
  });
  it.each([
    [{ choice: "allow", rationale: "" }, "a decision needs a rationale"],
    [{ choice: "maybe", rationale: "r" }, "choose allow, uphold or modify"],
    [{ choice: "allow", exception: "made-up", rationale: "r" }, "is not an exception of the engaged norms"],
    [{ choice: "uphold", exception: "counter-speech", rationale: "r" }, "an exception is a reason to allow"],
    [{ choice: "modify", decision: "review", rationale: "r" }, "modify needs the new decision"],
  ])("refuses %j", (form, message) => {
    expect(() => readDecisionForm(form, offered, "remove")).toThrow(message);
  });
  it("upholding means the most severe action of the norms not already excepted (escalation is a removal)", () => {
    const ruling = (norms: Array<[string, string]>) =>
      ({ norms: norms.map(([outcome, action]) => ({ outcome, action })) }) as unknown as Ruling;
    expect(
      upheldDecision(
        ruling([
          ["needs_review", "hide"],
          ["violated", "label"],
        ]),
      ),
    ).toBe("hide");
    expect(
      upheldDecision(
        ruling([
          ["needs_review", "hide"],
          ["excepted", "remove"],
        ]),
      ),
    ).toBe("hide");
    expect(upheldDecision(ruling([["needs_review", "escalate"]]))).toBe("remove");
  });
});
