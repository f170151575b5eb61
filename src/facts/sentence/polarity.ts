import { CATEGORY, FIXED_EXPRESSIONS } from "../../domain/facts.js";
import type { Clause } from "./clauses.js";
import type { ParsedSentence, Unit } from "./units.js";

/**
 * Whether a predicate is negated: a negation word earlier in the same clause
 * (the scope ends at the clause boundary: "I'm not racist but X are vermin"),
 * not part of the predicate itself ("can't stand") and not inside a fixed
 * expression that only looks negative ("nothing but", "nothing worse than",
 * "can't help"), which the pack lists as intensifiers.
 */
export function isNegated(s: ParsedSentence, clause: Clause, p: Unit): boolean {
  const fixed = s.units.filter((u) => FIXED_EXPRESSIONS.has(u.category));
  return s.units.some(
    (n) =>
      n.category === CATEGORY.negation &&
      n.first >= clause.from &&
      (n.last < p.first || (n.first === p.last + 1 && NONE.has(n.term))) &&
      !fixed.some((f) => f.first <= n.first && f.last >= n.last),
  );
}

/** Negative quantifiers that negate the predicate they follow as its object ("worth nothing", "deserve no rights"). */
const NONE = new Set(["nothing", "none", "no", "zero"]);
