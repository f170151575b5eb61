import type { EvalCase } from "./read-cases.js";
import type { CaseResult } from "./runner.js";
import type { Verdict } from "./verdict.js";

/** How many cases got each verdict, and how many of those with an expectation met it. */
export type Tally = { n: number; allow: number; review: number; block: number; judged: number; met: number };

export type Scored = EvalCase & { result: CaseResult; met?: boolean };

/** The headline figures of a run. */
export type Summary = {
  cases: number;
  /** Hateful cases, and how many were caught (blocked or sent to review). */
  hateful: { n: number; caught: number; blocked: number; reviewed: number };
  /** Non-hateful cases that should stay up (not marked to be blocked), and how many were blocked or reviewed. */
  nonHateful: { n: number; blocked: number; reviewed: number };
  /** Cases with an `expected` decision (or `expected_block`), and how many got it. */
  expected: { n: number; met: number };
  reviews: number;
};

export type Report = {
  runner: string;
  summary: Summary;
  categories: Array<Tally & { category: string }>;
  /** Per identity group: hateful cases caught, non-hateful cases (not marked to be blocked) blocked. */
  groups: Array<{ group: string; hateful: number; caught: number; nonHateful: number; blocked: number }>;
  scored: Scored[];
};

/**
 * Whether a case got what it should, or undefined when it states nothing:
 * an expected decision must be met exactly; a hateful case must not be allowed
 * (review counts as caught); a non-hateful one must not be blocked.
 */
export function meets(c: EvalCase, verdict: Verdict): boolean | undefined {
  if (c.expected) return verdict === c.expected;
  if (c.label === "hateful") return verdict !== "allow";
  if (c.label === "non-hateful") return verdict !== "block";
  return undefined;
}

const emptyTally = (): Tally => ({ n: 0, allow: 0, review: 0, block: 0, judged: 0, met: 0 });

function add(t: Tally, s: Scored) {
  t.n++;
  t[s.result.verdict]++;
  if (s.met !== undefined) {
    t.judged++;
    if (s.met) t.met++;
  }
}

function tallyBy(scored: readonly Scored[], key: (s: Scored) => string | undefined): Map<string, Tally> {
  const out = new Map<string, Tally>();
  for (const s of scored) {
    const k = key(s);
    if (k === undefined) continue;
    if (!out.has(k)) out.set(k, emptyTally());
    add(out.get(k) as Tally, s);
  }
  return out;
}

/** Scores every case's result: per category, per identity group, and the headline figures. */
export function score(runner: string, cases: readonly EvalCase[], results: readonly CaseResult[]): Report {
  const scored: Scored[] = cases.map((c, i) => {
    const result = results[i] as CaseResult;
    const met = meets(c, result.verdict);
    return { ...c, result, ...(met === undefined ? {} : { met }) };
  });
  const summary: Summary = {
    cases: scored.length,
    hateful: { n: 0, caught: 0, blocked: 0, reviewed: 0 },
    nonHateful: { n: 0, blocked: 0, reviewed: 0 },
    expected: { n: 0, met: 0 },
    reviews: 0,
  };
  for (const s of scored) {
    const v = s.result.verdict;
    if (v === "review") summary.reviews++;
    if (s.label === "hateful") {
      summary.hateful.n++;
      if (v !== "allow") summary.hateful.caught++;
      if (v === "block") summary.hateful.blocked++;
      if (v === "review") summary.hateful.reviewed++;
    } else if (s.label === "non-hateful" && s.expected !== "block") {
      summary.nonHateful.n++;
      if (v === "block") summary.nonHateful.blocked++;
      if (v === "review") summary.nonHateful.reviewed++;
    }
    if (s.expected) {
      summary.expected.n++;
      if (v === s.expected) summary.expected.met++;
    }
  }
  const categories = [...tallyBy(scored, (s) => s.category)].map(([category, t]) => ({ category, ...t }));
  const groups = new Map<string, Report["groups"][number]>();
  for (const s of scored) {
    if (!s.group) continue;
    const g = groups.get(s.group) ?? { group: s.group, hateful: 0, caught: 0, nonHateful: 0, blocked: 0 };
    groups.set(s.group, g);
    if (s.label === "hateful") {
      g.hateful++;
      if (s.result.verdict !== "allow") g.caught++;
    } else if (s.label === "non-hateful" && s.expected !== "block") {
      g.nonHateful++;
      if (s.result.verdict === "block") g.blocked++;
    }
  }
  return { runner, summary, categories, groups: [...groups.values()], scored };
}

/** The failures worth reading first, taken in turn from each category so one category cannot fill the list. */
export function worst(report: Report, limit: number) {
  const pick = (match: (s: Scored) => boolean) => {
    const byCategory = new Map<string, Scored[]>();
    for (const s of report.scored.filter(match)) {
      if (!byCategory.has(s.category)) byCategory.set(s.category, []);
      byCategory.get(s.category)?.push(s);
    }
    const queues = [...byCategory.values()];
    const out: Scored[] = [];
    for (let round = 0; out.length < limit && queues.some((q) => q.length > round); round++)
      for (const q of queues) if (q[round] && out.length < limit) out.push(q[round] as Scored);
    return out;
  };
  return {
    hatefulAllowed: pick((s) => s.label === "hateful" && s.result.verdict === "allow"),
    nonHatefulBlocked: pick((s) => s.label === "non-hateful" && s.expected !== "block" && s.result.verdict === "block"),
    expectedMissed: pick((s) => s.met === false && s.expected !== undefined),
  };
}
