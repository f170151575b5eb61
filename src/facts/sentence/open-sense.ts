import { CATEGORY } from "../../domain/facts.js";
import { isEnglishWord } from "../english-words.js";
import type { Clause } from "./clauses.js";
import { opensImperative } from "./nlp.js";
import { HOSTILE } from "./sense.js";
import type { ParsedSentence, Unit } from "./units.js";

/** Words that make a sentence hostile or aimed, whatever sense a slur in it has. */
const CHARGED = new Set<string>([...HOSTILE, CATEGORY.harmVerb]);

/** Words that make a noun phrase of the term: "the X", "one X", "the river's X", "roman X". */
const DETERMINING = new Set(["DET", "NUM", "ADJ", "PART"]);
const ARTICLES = new Set(["a", "an", "the"]);
const QUANTIFIERS = new Set(["every", "each", "all", "any", "no", "typical"]);

/**
 * A slur written plainly as one singular word, heading a determined noun
 * phrase ("the X broke", "one X", "a bit X"): the shape an innocent sense
 * takes. A disguised spelling (masked, spaced, swapped, stretched, look-alike
 * letters) or a bare plural ("Xs everywhere") is the slur: the author either
 * hid it or spoke of a kind of people.
 */
/** Tagged an adjective and heading no noun ("gone X", "a bit X"): not a noun naming anyone. */
export function adjectiveUse(s: ParsedSentence, t: Unit): boolean {
  const next = s.words[t.last + 1];
  return s.words[t.first]?.pos === "ADJ" && next?.pos !== "NOUN" && next?.pos !== "PROPN";
}

export function plainDetermined(s: ParsedSentence, t: Unit): boolean {
  if (t.first !== t.last) return false;
  const word = s.words[t.first];
  if (!word || !/^[a-z]+$/.test(word.lower)) return false;
  // A listed variant that is an ordinary English adjective in its place ("gone X", "a bit X") is a word
  // with its own sense, not a disguise; it counts as plain, as does the term itself.
  if (adjectiveUse(s, t) && isEnglishWord(word.lower)) return true;
  if (word.lower !== t.term) return false;
  const before = s.words[t.first - 1];
  if (before === undefined) return false;
  // A noun naming no person before it ("flood X", "sea X") makes it the head of a thing compound.
  const thingNoun = before.pos === "NOUN" && !s.units.some((u) => u.first <= t.first - 1 && u.last >= t.first - 1);
  // "every X", "all X": a quantified kind of people, the shape a generalisation takes.
  if (QUANTIFIERS.has(before.lower)) return false;
  // "this X", "that X": pointing, the way a person in view is shown ("look at this X").
  if (before.pos === "DET" && !ARTICLES.has(before.lower)) return false;
  return DETERMINING.has(before.pos) || thingNoun;
}

/**
 * Whether a sentence carries hostility or aims at someone ("you", an
 * imperative) beside its slur. A slur the clause does not use of people, in a
 * sentence with none of this ("the X broke after the storms", "a bit X"), has
 * a sense the rules cannot settle: a homonym they do not know, or a bare slur.
 * That is for judgment, never removal on a guess nor a silent allow.
 */
export function charged(s: ParsedSentence, clause: Clause): boolean {
  if (hostileBeside(s)) return true;
  // Aimed: "you" in the term's own clause, or an imperative opening the sentence ("shut up, X").
  const you = s.units.some(
    (u) => u.category === CATEGORY.secondPerson && u.first >= clause.from && u.last <= clause.to,
  );
  return you || opensImperative(s.words);
}

/** Hostility in the sentence from words that have no innocent sense of their own. */
export function hostileBeside(s: ParsedSentence): boolean {
  return s.units.some((u) => CHARGED.has(u.category) && !u.homonym);
}

/**
 * "look at this X", "ban that X": a homonym pointed at with "this" or "that" and ending its phrase — the way a
 * person in view is shown, and a thing too ("this spade is rusty"). Its sense is for judgment, never a guess.
 */
export function pointedAt(s: ParsedSentence, t: Unit): boolean {
  const before = s.words[t.first - 1];
  const after = s.words[t.last + 1];
  if (!t.homonym || before === undefined || (before.lower !== "this" && before.lower !== "that")) return false;
  return (
    after === undefined ||
    (after.pos !== "NOUN" && after.pos !== "PROPN" && after.pos !== "AUX" && after.pos !== "VERB")
  );
}
