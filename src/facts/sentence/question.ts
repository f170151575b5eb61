import { type Clause, clauseOf } from "./clauses.js";
import type { Finding } from "./findings.js";
import { isNegated } from "./polarity.js";
import type { ParsedSentence } from "./units.js";

/**
 * A question that denies hostility of a group ("how are X not all …?", "is
 * there one X who isn't …?") asks the reader to agree with it as often as it
 * rejects it. The clause reads the denial as benign; in a question rules cannot
 * settle which, so the caller leaves it unsettled, for judgment.
 */
export function questionedDenial(s: ParsedSentence, clauses: readonly Clause[], findings: readonly Finding[]): boolean {
  const last = s.words.at(-1)?.text;
  if (last !== "?") return false;
  return findings.some((f) => {
    if (f.verdict !== "benign" || f.kind === "negated-value") return false;
    const p = s.units.find((u) => u.first === f.predicate[0] && u.last === f.predicate[1]);
    return p !== undefined && isNegated(s, clauseOf(clauses, p.first), p);
  });
}
