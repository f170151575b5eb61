import type { Report, Scored, Tally } from "./score.js";

/** A case whose decision differs between two norm sets; `change` says whether it now meets its expectation. */
export type Changed = {
  case: Omit<Scored, "result" | "met">;
  a: Scored["result"];
  b: Scored["result"];
  change: "fixed" | "broken" | "moved";
};

export type Comparison = {
  a: Report;
  b: Report;
  categories: Array<{ category: string; a: Tally; b: Tally }>;
  changed: Changed[];
  fixed: number;
  broken: number;
};

/**
 * Two runs of the same cases side by side: per category, and every case whose
 * decision changed. "fixed" now meets its expectation and did not before;
 * "broken" the reverse; "moved" changed without crossing (allow → review for a
 * hateful case, or any change of a case that states no expectation).
 */
export function compare(a: Report, b: Report): Comparison {
  const tallies = new Map(b.categories.map((t) => [t.category, t]));
  const categories = a.categories.map((t) => ({ category: t.category, a: t, b: tallies.get(t.category) as Tally }));
  const changed: Changed[] = [];
  a.scored.forEach((sa, i) => {
    const sb = b.scored[i] as Scored;
    if (sa.result.decision === sb.result.decision) return;
    const { result: _r, met: _m, ...rest } = sa;
    const change =
      sa.met === false && sb.met === true ? "fixed" : sa.met === true && sb.met === false ? "broken" : "moved";
    changed.push({ case: rest, a: sa.result, b: sb.result, change });
  });
  return {
    a,
    b,
    categories,
    changed,
    fixed: changed.filter((c) => c.change === "fixed").length,
    broken: changed.filter((c) => c.change === "broken").length,
  };
}
