import { CATEGORY } from "../../domain/facts.js";
import { type Clause, clauseOf } from "./clauses.js";
import type { Mention } from "./findings.js";
import type { Word } from "./nlp.js";
import { describesAuthor } from "./roles.js";
import type { ParsedSentence } from "./units.js";
import { fixedExpressionWords, runValence, valenceOf } from "./valence.js";

/** Words that make a noun phrase stand for a whole group ("all X", "typical X", "these X", "most of them"). */
const QUANTIFIERS = new Set([
  "all",
  "every",
  "each",
  "most",
  "none",
  "half",
  "these",
  "those",
  "typical",
  "classic",
  "many",
  "whole",
  "any",
]);
const PRONOUNS = new Set(["they", "them", "theyre", "these", "those"]);
/** Determiners that make a noun phrase particular people, not the group ("my X", "two X", "a X"). */
const PARTICULAR = new Set(["a", "an", "my", "our", "his", "her", "your", "their", "this", "that", "one"]);
/** AFINN rates mildly negative words -1 ("pay", "lazy"); one of them alone is too weak a sign of a run-down. */
const CLEARLY_NEGATIVE = -2;
const SKIPPABLE = new Set(["ADJ", "ADV", "DET", "NUM", "PUNCT"]);

/**
 * Whether a mention stands for the group as a whole: a pronoun that refers
 * back to it, a quantified phrase, or a bare plural ("women", "the jews") that
 * heads its noun phrase. A group word that modifies a singular noun ("a Muslim
 * colleague", "the women's final") names particular people or things.
 */
function generic(s: ParsedSentence, clause: Clause, g: Mention): boolean {
  const head = s.words[g.last] as Word;
  if (PRONOUNS.has(head.lower.replace(/['’]/g, ""))) return true;
  let i = g.first - 1;
  let quantified = false;
  let particular = false;
  while (i >= clause.from && SKIPPABLE.has((s.words[i] as Word).pos)) {
    const w = (s.words[i] as Word).lower;
    if (QUANTIFIERS.has(w)) quantified = true;
    if (PARTICULAR.has(w) || (s.words[i] as Word).pos === "NUM") particular = true;
    i--;
  }
  // "all of them", "most of these people".
  const of = s.words[g.first - 1]?.lower === "of" && QUANTIFIERS.has(s.words[g.first - 2]?.lower ?? "");
  if (quantified || of) return true;
  if (particular) return false;
  const next = s.words[g.last + 1];
  // "women's football", "Muslim colleague": the group word modifies something else.
  if (next?.pos === "PART" && /^['’]s$/.test(next.lower)) return false;
  if (next && (next.pos === "NOUN" || next.pos === "PROPN")) return plural(next); // "gay teachers"
  return plural(head) || head.pos === "PROPN";
}

/** wink leaves some plurals unlemmatised ("muslims"), so the ending counts too. */
const plural = (w: Word) => w.lower !== w.lemma || /[^s']s$/.test(w.lower) || IRREGULAR_PLURALS.has(w.lower);
/** English plurals of person nouns without an -s, which wink lemmatises to themselves ("disabled people"). */
const IRREGULAR_PLURALS = new Set(["people", "folk", "men", "women", "children"]);

/** A mention that stands for the whole group, wherever it sits in its clause. */
export const genericMention = (s: ParsedSentence, clauses: readonly Clause[], g: Mention) =>
  generic(s, clauseOf(clauses, g.first), g);

/** Whether the group is what its clause is about (see isTopic). */
export const topicMention = (s: ParsedSentence, clauses: readonly Clause[], g: Mention) =>
  isTopic(s, clauseOf(clauses, g.first), g);

/** The group is what the clause is about: nothing governs it (no preposition, no verb before it). */
function isTopic(s: ParsedSentence, clause: Clause, g: Mention): boolean {
  let i = g.first - 1;
  while (i >= clause.from && SKIPPABLE.has((s.words[i] as Word).pos)) i--;
  if (i < clause.from) return true;
  const before = s.words[i] as Word;
  if (before.lower === "of" && QUANTIFIERS.has(s.words[i - 1]?.lower ?? "")) return true;
  if (before.pos === "ADP") return false;
  if (before.pos !== "VERB") return true;
  // "I think X are …", "I believe X can't …": the group is the subject of the clause the verb opens.
  let j = g.last + 1;
  while (s.words[j]?.pos === "ADV") j++;
  const after = s.words[j];
  return after !== undefined && (after.pos === "AUX" || (after.pos === "VERB" && after.lower !== after.lemma));
}

/**
 * A negative word that is a passive participle ("X are attacked") or a progressive with no object ("X are
 * suffering in the camps"): the group suffers it, it is not said of it. A progressive with an object ("X are
 * destroying the country") is something the group is said to do to others.
 */
const OBJECT_START = new Set(["DET", "NOUN", "PRON", "PROPN", "NUM"]);
const suffered = (words: readonly Word[], i: number) => {
  const w = words[i] as Word;
  const prev = words[i - 1];
  if (w.pos !== "VERB" || w.lower === w.lemma || prev === undefined) return false;
  if (prev.lemma !== "be" && prev.lemma !== "get") return false;
  return !w.lower.endsWith("ing") || !OBJECT_START.has(words[i + 1]?.pos ?? "");
};

/**
 * A generic claim that runs a group down with no loaded word: the group as a
 * whole is the topic of its clause ("X are …", "why do X …", "typical X …",
 * "they can't …") and what the rest of the sentence says of it carries
 * negative valence. Rules cannot tell a stereotype from a fact or a grievance,
 * so the caller leaves it unsettled, for judgment. Groups named as victims,
 * as the author, or as a modifier are not generalised about.
 */
export function negativeGeneralisation(
  s: ParsedSentence,
  clauses: readonly Clause[],
  mentions: readonly Mention[],
): boolean {
  if (s.units.some((u) => u.category === CATEGORY.victimFrame)) return false;
  return mentions.some((g) => {
    const clause = clauseOf(clauses, g.first);
    if (!generic(s, clause, g) || !isTopic(s, clause, g) || describesAuthor(s, clause, g)) return false;
    return claimValence(s, clauses, g) <= CLEARLY_NEGATIVE;
  });
}

/** Clauses that go on about the same subject: they open with a verb or an adverb ("…, crying again"). */
const CONTINUING = new Set(["VERB", "AUX", "ADV", "PART", "ADJ"]);

/**
 * The valence of what a sentence says of a mention: its own clause and the
 * clauses that continue it without a new subject. A clause with its own
 * subject ("…, that's a myth") says something of something else.
 */
export function claimValence(s: ParsedSentence, clauses: readonly Clause[], g: Mention): number {
  let total = 0;
  const own = clauseOf(clauses, g.first);
  const question = s.words.at(-1)?.text === "?" || s.words.at(-2)?.text === "?";
  const fixed = fixedExpressionWords(s);
  for (const c of clauses) {
    if (c.to < own.from) continue;
    if (c !== own && !CONTINUING.has(s.words[c.from]?.pos ?? "")) break;
    const words = s.words.slice(c.from, c.to + 1);
    const skip = (k: number) => {
      const at = c.from + k;
      return (at >= g.first && at <= g.last) || (valenceOf(words[k] as Word) < 0 && suffered(words, k));
    };
    total += runValence(words, skip, question, (k) => fixed.has(c.from + k));
  }
  return total;
}
