import type { Comparison } from "./compare.js";
import { type Report, type Scored, worst } from "./score.js";

const caseJson = (s: Scored) => ({
  source: s.source,
  text: s.text,
  category: s.category,
  ...(s.label ? { label: s.label } : {}),
  ...(s.expected ? { expected: s.expected } : {}),
  ...(s.group ? { group: s.group } : {}),
  verdict: s.result.verdict,
  decision: s.result.decision,
  norms: s.result.norms,
  ...(s.met === undefined ? {} : { met: s.met }),
});

const reportJson = (r: Report, examples: number) => {
  const w = worst(r, examples);
  return {
    runner: r.runner,
    summary: r.summary,
    categories: r.categories,
    groups: r.groups,
    worst: {
      hateful_allowed: w.hatefulAllowed.map(caseJson),
      non_hateful_blocked: w.nonHatefulBlocked.map(caseJson),
      expected_missed: w.expectedMissed.map(caseJson),
    },
    cases: r.scored.map(caseJson),
  };
};

/** The report for machines: every figure of the text report, and every case with its verdict. */
export function evalJson(r: Report, examples: number, comparison?: Comparison) {
  if (!comparison) return reportJson(r, examples);
  return {
    a: reportJson(comparison.a, examples),
    b: reportJson(comparison.b, examples),
    categories: comparison.categories,
    changed: comparison.changed.map((c) => ({
      source: c.case.source,
      text: c.case.text,
      category: c.case.category,
      ...(c.case.label ? { label: c.case.label } : {}),
      a: c.a.decision,
      b: c.b.decision,
      change: c.change,
    })),
    fixed: comparison.fixed,
    broken: comparison.broken,
  };
}
