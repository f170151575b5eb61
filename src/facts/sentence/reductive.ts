import { CATEGORY } from "../../domain/facts.js";
import { type Clause, clauseOf } from "./clauses.js";
import type { Mention } from "./findings.js";
import { isNegated } from "./polarity.js";
import { describesAuthor } from "./roles.js";
import type { ParsedSentence } from "./units.js";
import { runValence } from "./valence.js";

/**
 * "X are nothing but Y", "X are objects, nothing more", "no better than Y":
 * a reductive expression (the pack's `reductive` markers) after a group named
 * in the same sentence reduces the group to one thing. Whatever Y is — a
 * neutral noun ("gang members", "incubators") runs a group down as surely as
 * an insult — unless what follows is praise ("nothing but kind to me").
 * Rules cannot weigh Y, so the caller leaves it unsettled, for judgment.
 * A group naming the author ("we are nothing but tired") is not run down.
 */
export function reducesGroup(s: ParsedSentence, clauses: readonly Clause[], mentions: readonly Mention[]): boolean {
  return s.units.some((u) => {
    if (u.category !== CATEGORY.reductive) return false;
    const named = mentions.some((g) => g.last < u.first && !describesAuthor(s, clauseOf(clauses, g.first), g));
    if (!named || isNegated(s, clauseOf(clauses, u.first), u)) return false;
    return runValence(reducedTo(s, u.last + 1)) <= 0;
  });
}

/** What the expression reduces to: the words after it up to the head noun ("scammers" in "scammers with nice phones"). */
function reducedTo(s: ParsedSentence, from: number) {
  const words = s.words.slice(from);
  const head = words.findIndex((w) => w.pos === "NOUN" || w.pos === "PUNCT");
  return head < 0 ? words : words.slice(0, head + 1);
}
