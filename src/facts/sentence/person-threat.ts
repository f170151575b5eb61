import { CATEGORY } from "../../domain/facts.js";
import { isPersonNoun } from "../person-nouns.js";
import { type Clause, clauseOf } from "./clauses.js";
import { opensImperative, type Word } from "./nlp.js";
import { isNegated } from "./polarity.js";
import { inside, type ParsedSentence, type Unit } from "./units.js";

/** Units that name a person or a group: pronouns, group words, slurs, a group's place ("the mosque"). */
const TARGET_UNITS = new Set<string>([
  CATEGORY.secondPerson,
  CATEGORY.personReference,
  CATEGORY.identity,
  CATEGORY.slur,
]);
const STANCE = new Set<string>([CATEGORY.intent, CATEGORY.prescriptive]);
/** The parser tags a capitalised "I'm" or "We" as a name now and then. */
const FIRST_PERSON = new Set([
  "i",
  "im",
  "ive",
  "id",
  "ill",
  "we",
  "were",
  "weve",
  "wed",
  "me",
  "us",
  "myself",
  "ourselves",
]);
const NOUN_PHRASE = new Set(["DET", "ADJ", "NUM", "PROPN"]);
const QUANTIFIERS = new Set(["every", "each", "any", "all", "the", "that", "this", "those", "these"]);

const within = (u: Unit, c: Clause) => u.first >= c.from && u.last <= c.to;

/**
 * A word that names one person the author means: a name ("Priya", "@olga.v") or a noun whose usual sense is a
 * person ("the referee", "that mod"), heading its phrase — "the child process" names a process, not a child.
 */
function personWord(words: readonly Word[], i: number): boolean {
  const w = words[i];
  if (!w) return false;
  if (w.text.startsWith("@") && w.text.length > 1) return true;
  const next = words[i + 1];
  // "the referee's whistle", "the child process": the head is the thing after.
  const heads = next === undefined || (next.pos !== "NOUN" && next.pos !== "PROPN" && next.pos !== "PART");
  if (w.pos === "PROPN") return heads && !FIRST_PERSON.has(w.lower.replace(/['’]/g, "")) && /^\p{Lu}/u.test(w.text);
  // The parser tags a person noun after "every" as an adjective at times ("every feminist on this board").
  const nominal = w.pos === "ADJ" && QUANTIFIERS.has(words[i - 1]?.lower ?? "");
  return (w.pos === "NOUN" || nominal) && heads && isPersonNoun(w.lemma);
}

type Span = { first: number; last: number };

/** What in the clause names a target: the units above, names and person nouns. */
function targets(s: ParsedSentence, clause: Clause): Span[] {
  const at: Span[] = s.units.filter((u) => within(u, clause) && TARGET_UNITS.has(u.category));
  for (let i = clause.from; i <= clause.to; i++) if (personWord(s.words, i)) at.push({ first: i, last: i });
  return at;
}

/** Only determiners and adjectives between two positions ("put [the next] X", "X [always] should"). */
const phraseBetween = (words: readonly Word[], a: number, b: number) =>
  words.slice(a + 1, b).every((w) => NOUN_PHRASE.has(w.pos) || w.pos === "ADV");

/** "shoot him a message": a second object makes the verb one of sending, not of violence. */
const secondObject = (words: readonly Word[], last: number) =>
  words[last + 1]?.pos === "DET" && words[last + 2]?.pos === "NOUN";

/**
 * Violence announced, wished or called for against a person or group the text names — "Priya should be
 * hanged", "someone should take out the referee", "I will bomb the mosque", "that mod deserves a bullet" —
 * where the word-level reading only knows pronouns as targets. A word with peaceful senses ("kill", "bomb",
 * "shoot") counts only with its target as its object or as the subject the call is about; negated or
 * reported violence ("nobody should hurt X", "he said he'd kill me") is not the author's threat.
 */
export function threatensNamedTarget(
  s: ParsedSentence,
  clauses: readonly Clause[],
  frames: readonly [number, number][],
): boolean {
  return s.units.some((v) => {
    if (v.category !== CATEGORY.violence || inside(v.first, frames)) return false;
    const clause = clauseOf(clauses, v.first);
    if (isNegated(s, clause, v)) return false;
    const cues = s.units.filter((u) => within(u, clause) && STANCE.has(u.category) && u.first <= v.first);
    const imperative = v.first === clause.from && opensImperative(s.words, clause.from);
    if (cues.length === 0 && !imperative) return false;
    const at = targets(s, clause);
    const from = cues[0]?.last ?? v.first;
    // The one the violence is done to: after the verb ("bomb the mosque"), or between the call and the verb
    // ("put her in the ground"). An announcer ("Gordon is going to murder this dish") is not a target.
    const object = at.some((t) =>
      v.homonym
        ? t.first > v.last && phraseBetween(s.words, v.last, t.first) && !secondObject(s.words, t.last)
        : t.first > from,
    );
    // The one a call is about: "the referee should be hanged", "that mod deserves a bullet".
    const called = cues.filter((c) => c.category === CATEGORY.prescriptive);
    const subject = called.some((c) => at.some((t) => t.last < c.first && phraseBetween(s.words, t.last, c.first)));
    return object || subject;
  });
}
