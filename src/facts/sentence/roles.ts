import { CATEGORY } from "../../domain/facts.js";
import type { Clause } from "./clauses.js";
import { COPULAS, KIND, type Mention } from "./findings.js";
import type { Word } from "./nlp.js";
import type { ParsedSentence, Unit } from "./units.js";

/** Roles that take a group out of a predicate's reach: governed objects, governing values, self-description. */
const FIRST_PERSON = new Set(["i", "im", "i'm", "we", "were", "we're"]);
const DETERMINERS = new Set(["DET", "ADJ", "NUM"]);
/** Possessions that are the owner's own being or mind: said of them, said of the owner. */
const BEING = new Set([
  ...["life", "lives", "existence", "soul", "souls", "kind", "blood", "worth"],
  ...["mind", "minds", "brain", "brains", "opinion", "opinions", "word", "judgement", "judgment", "intelligence"],
]);

/** "that lesbian couple's photo": the group's noun phrase (with the nouns it modifies) owns what follows. */
export function isPossessor(s: ParsedSentence, g: Mention): boolean {
  const owns = (w: Word | undefined) => w !== undefined && w.pos === "PART" && /^['’]s$/.test(w.lower);
  // The lexicon may read "X's" as the plural "Xs", so the mention can end on the "'s" itself.
  let i = owns(s.words[g.last]) ? g.last : g.last + 1;
  while (s.words[i]?.pos === "NOUN") i++;
  if (!owns(s.words[i])) return false;
  // "an X's life is worth nothing", "an X's opinion isn't worth …": said of their life or mind, said of them.
  return !BEING.has(s.words[i + 1]?.lower ?? "");
}

/**
 * "anyone who uses that slur for gay men is not welcome": the group is the
 * object of a preposition, or of a verb (not of saying) with the copula still
 * to come, so the predicate is about someone else.
 */
export function isGoverned(s: ParsedSentence, clause: Clause, g: Mention, p: Unit): boolean {
  if (g.last >= p.first || g.first - 1 < clause.from) return false;
  let i = g.first - 1;
  while (i > clause.from && DETERMINERS.has((s.words[i] as Word).pos)) i--;
  const before = s.words[i] as Word;
  if (before.pos === "ADP") return true;
  if (before.pos !== "VERB") return false;
  if (s.units.some((u) => u.category === CATEGORY.speechVerb && u.last === i)) return false;
  return s.words.slice(g.last + 1, p.first).some((w) => w.pos === "AUX" && COPULAS.has(w.lemma));
}

/** "X don't deserve to be abused", "not worth less": the value word governs something else. */
export function valueGoverns(s: ParsedSentence, clause: Clause, p: Unit): boolean {
  const next = s.words[p.last + 1];
  if (next && (next.lower === "less" || next.lower === "more")) return true;
  return s.units.some(
    (u) =>
      u.first > p.last && u.last <= clause.to && KIND[u.category] !== undefined && KIND[u.category] !== "negated-value",
  );
}

/** "I'm autistic and a bit of a weirdo": the group word describes the author, who speaks of themselves. */
export function describesAuthor(s: ParsedSentence, clause: Clause, g: Mention): boolean {
  const before = s.words.slice(clause.from, g.first);
  const i = before.findIndex((w) => FIRST_PERSON.has(w.lower.replace("’", "'")));
  if (i < 0 || before.length > 5) return false;
  const subject = before[i] as Word;
  // "I'm X" (one word), or "I am X" / "we are X".
  const copula = /m$|re$/.test(subject.lower) || before.slice(i + 1).some((w) => w.pos === "AUX" && w.lemma === "be");
  return copula && !before.slice(i + 1).some((w) => w.pos === "VERB");
}
