import { describe, expect, it } from "vitest";
import { DECISIONS } from "../../src/domain/index.js";
import { compare } from "../../src/evaluation/compare.js";
import { parseCsv } from "../../src/evaluation/csv.js";
import { type EvalCase, parseCases } from "../../src/evaluation/read-cases.js";
import type { CaseResult } from "../../src/evaluation/runner.js";
import { score, worst } from "../../src/evaluation/score.js";
import { VERDICT_OF_DECISION, verdictOfWord } from "../../src/evaluation/verdict.js";

const as = (decision: string, verdict: CaseResult["verdict"]): CaseResult => ({ verdict, decision, norms: [] });
const withSource = (cases: ReturnType<typeof parseCases>): EvalCase[] =>
  cases.map(({ line, ...c }) => ({ source: `t:${line}`, ...c }));

describe("reading cases", () => {
  it("reads CSV with quotes, commas and newlines inside fields, ;-separated author groups and label aliases", () => {
    const csv = [
      "text,label,category,author_groups,parent",
      '"he said ""hi"", then left",benign,neutral,,',
      '"two\nlines",abusive,threat,gay; lesbian,"what did you say?"',
      "",
      "plain,non-hateful,neutral,,",
    ].join("\r\n");
    const cases = parseCases(csv, "csv");
    expect(cases).toEqual([
      { line: 2, text: 'he said "hi", then left', category: "neutral", label: "non-hateful" },
      {
        line: 3,
        text: "two\nlines",
        category: "threat",
        label: "hateful",
        authorGroups: ["gay", "lesbian"],
        parent: "what did you say?",
      },
      { line: 6, text: "plain", category: "neutral", label: "non-hateful" },
    ]);
  });

  it("reads JSONL in both shapes: flat fields, and the bench corpus's author/context with its label as category", () => {
    const jsonl = [
      '{"text":"a","label":"hateful","category":"slur","group":"gay","author_groups":["gay"],"parent":"p"}',
      '{"text":"b","label":"contextual","author":{"groups":["queer"]},"context":{"parent":{"text":"q"}}}',
      '{"text":"c","label":"non-hateful","category":"abuse-individual","expected_block":true}',
      '{"text":"d","expected":"needs_review"}',
    ].join("\n");
    expect(parseCases(jsonl, "jsonl")).toEqual([
      { line: 1, text: "a", category: "slur", label: "hateful", group: "gay", authorGroups: ["gay"], parent: "p" },
      { line: 2, text: "b", category: "contextual", label: "contextual", authorGroups: ["queer"], parent: "q" },
      { line: 3, text: "c", category: "abuse-individual", label: "non-hateful", expected: "block" },
      { line: 4, text: "d", category: "uncategorised", expected: "review" },
    ]);
  });

  it("names the line of a bad case", () => {
    expect(() => parseCases('{"text":"ok"}\n{"text":""}', "jsonl")).toThrow("line 2: text: text is empty");
    expect(() => parseCases('{"text":"ok"}\n\n{"text":"x","label":"spicy"}', "jsonl")).toThrow(
      'line 3: label "spicy" is not one of',
    );
    expect(() => parseCases('{"text":"x","expected":"maybe"}', "jsonl")).toThrow('expected "maybe" names no decision');
    expect(() => parseCases("{nope", "jsonl")).toThrow("line 1: not JSON");
    expect(() => parseCsv('text\n"open')).toThrow("line 2: a quoted field is not closed");
    expect(() => parseCsv("text\na,b")).toThrow("line 2: 2 fields, but the header names 1");
  });
});

describe("verdicts", () => {
  it("maps every decision the service can return, and the words a file may expect", () => {
    expect(Object.keys(VERDICT_OF_DECISION).sort()).toEqual([...DECISIONS].sort());
    expect(DECISIONS.map((d) => VERDICT_OF_DECISION[d])).toEqual(["allow", "allow", "block", "block", "review"]);
    expect(["remove", "hide", "escalate", "needs_review", "allow-with-label", "BLOCK"].map(verdictOfWord)).toEqual([
      "block",
      "block",
      "review",
      "review",
      "allow",
      "block",
    ]);
  });
});

describe("scoring", () => {
  const cases = withSource(
    parseCases(
      [
        '{"text":"h1","label":"hateful","category":"threat","group":"women"}',
        '{"text":"h2","label":"hateful","category":"threat","group":"women"}',
        '{"text":"h3","label":"hateful","category":"slur","group":"gay"}',
        '{"text":"n1","label":"non-hateful","category":"counter","group":"gay"}',
        '{"text":"n2","label":"non-hateful","category":"counter","group":"women"}',
        '{"text":"i1","label":"non-hateful","category":"abuse-individual","expected_block":true}',
        '{"text":"c1","label":"contextual","category":"contextual"}',
      ].join("\n"),
      "jsonl",
    ),
  );
  const results = [
    as("remove", "block"),
    as("allow", "allow"),
    as("review", "review"),
    as("hide", "block"),
    as("allow", "allow"),
    as("allow", "allow"),
    as("review", "review"),
  ];
  const report = score("test", cases, results);

  it("counts caught hateful cases (block or review), blocked non-hateful ones and the review share", () => {
    expect(report.summary).toEqual({
      cases: 7,
      hateful: { n: 3, caught: 2, blocked: 1, reviewed: 1 },
      // The case marked to be blocked is not counted as non-hateful that should stay up.
      nonHateful: { n: 2, blocked: 1, reviewed: 0 },
      expected: { n: 1, met: 0 },
      reviews: 2,
    });
    expect(report.categories.find((c) => c.category === "threat")).toEqual({
      category: "threat",
      n: 2,
      allow: 1,
      review: 0,
      block: 1,
      judged: 2,
      met: 1,
    });
    expect(report.categories.find((c) => c.category === "contextual")).toMatchObject({ n: 1, judged: 0 });
    expect(report.groups).toEqual([
      { group: "women", hateful: 2, caught: 1, nonHateful: 1, blocked: 0 },
      { group: "gay", hateful: 1, caught: 1, nonHateful: 1, blocked: 1 },
    ]);
  });

  it("lists the worst failures of each kind", () => {
    const w = worst(report, 10);
    expect(w.hatefulAllowed.map((s) => s.text)).toEqual(["h2"]);
    expect(w.nonHatefulBlocked.map((s) => s.text)).toEqual(["n1"]);
    expect(w.expectedMissed.map((s) => s.text)).toEqual(["i1"]);
  });

  it("takes failures in turn from each category, so one category cannot fill the list", () => {
    const many = withSource(
      parseCases(
        ["a", "a", "a", "b", "c"].map((c, i) => `{"text":"t${i}","label":"hateful","category":"${c}"}`).join("\n"),
        "jsonl",
      ),
    );
    const r = score(
      "x",
      many,
      many.map(() => as("allow", "allow")),
    );
    expect(worst(r, 4).hatefulAllowed.map((s) => s.text)).toEqual(["t0", "t3", "t4", "t1"]);
  });

  it("compares two runs: per-category tallies and the cases that changed, fixed or broken", () => {
    const after = score("b", cases, [
      as("remove", "block"),
      as("hide", "block"), // fixed: a hateful case no longer allowed
      as("remove", "block"), // moved: caught before and after
      as("allow", "allow"), // fixed
      as("remove", "block"), // broken: non-hateful now blocked
      as("allow", "allow"),
      as("review", "review"),
    ]);
    const c = compare(report, after);
    expect(c.changed.map((x) => [x.case.text, x.a.decision, x.b.decision, x.change])).toEqual([
      ["h2", "allow", "hide", "fixed"],
      ["h3", "review", "remove", "moved"],
      ["n1", "hide", "allow", "fixed"],
      ["n2", "allow", "remove", "broken"],
    ]);
    expect([c.fixed, c.broken]).toEqual([2, 1]);
    expect(c.categories.find((x) => x.category === "threat")?.b).toMatchObject({ allow: 0, block: 2, met: 2 });
  });
});
