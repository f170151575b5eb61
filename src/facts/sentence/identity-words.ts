import { CATEGORY } from "../../domain/facts.js";
import { isPersonNoun } from "../person-nouns.js";
import type { Word } from "./nlp.js";
import type { ParsedSentence, Unit } from "./units.js";

/** Resolves a plain word to the identity group it names ("asian" → asian), from the pack's group aliases. */
export type GroupResolver = (word: string) => string | undefined;

/** Determiners and quantifiers that make an identity adjective a noun ("every asian", "an asian who …"). */
const NOMINAL = new Set(["a", "an", "every", "each", "any", "no", "that", "this", "the", "some", "one", "another"]);
/** Collective nouns an identity adjective makes a group of people ("a black family", "asian kids"). */
const COLLECTIVE = new Set([
  "family",
  "families",
  "couple",
  "couples",
  "community",
  "household",
  "crowd",
  "gang",
  "lives",
  "life",
]);
/** Aliases that are everyday words first ("a pole", "the natives of this island", "an ace"). */
const EVERYDAY = new Set(["pole", "poles", "native", "natives", "mixed", "pan", "ace", "bi", "straight", "het"]);

/** Nouns that call people names: what an identity word before them says of the group. */
const NAME_CALLING = new Set<string>([CATEGORY.dehumanising, CATEGORY.insult, CATEGORY.contempt]);
/** Colour words that are also group names. */
const COLOURS = new Set(["black", "white", "brown", "red", "yellow"]);

/** A noun naming people: a person ("kids", "coworker") or a group of them ("family", "community"). */
export const namesPeople = (w: Word): boolean => isPersonNoun(w.lemma) || COLLECTIVE.has(w.lower);

const PERSON_SUBJECTS = new Set(["he", "she", "they", "i", "you", "we"]);

function personAt(words: readonly Word[], i: number): boolean {
  const w = words[i];
  if (!w) return false;
  return w.pos === "PROPN" || PERSON_SUBJECTS.has(w.lower) || (w.pos === "NOUN" && isPersonNoun(w.lemma));
}

/**
 * Identity words the lexicon lists only inside phrases, read by their role in the sentence: an identity
 * adjective heading a person ("a black coworker", "asian kids", "a jewish family"), standing as a noun after a
 * determiner ("every asian I see", "an asian who …"), or said of a person ("our new doctor is jewish"). As
 * units of the identity category they join the mentions every other reading works from. "the black car",
 * "asian food" and "every pole in the fence" stay what they are.
 */
export function identityWords(s: ParsedSentence, resolve: GroupResolver): Unit[] {
  const { words, units } = s;
  const covered = (i: number) => units.some((u) => u.first <= i && u.last >= i);
  // A person word the lexicon knows ("kids", "neighbours") may still be headed by an identity word.
  const takenBeyondPerson = (i: number) =>
    units.some((u) => u.first <= i && u.last >= i && u.category !== CATEGORY.personReference);
  // A colour before an animal that is also a dehumanising word is the animal's kind ("black rats", "white pigs").
  const calledNames = (i: number, word: string) =>
    words[i]?.pos === "NOUN" &&
    units.some((u) => u.first === i && NAME_CALLING.has(u.category) && !(u.homonym && COLOURS.has(word)));
  const out: Unit[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as Word;
    // The tagger reads a lower-case identity word before a noun as a noun or name ("chinese students"): the
    // person reading below checks it heads a person either way.
    const adjective = w.pos === "ADJ";
    if (!(adjective || w.pos === "NOUN" || w.pos === "PROPN") || covered(i) || EVERYDAY.has(w.lower)) continue;
    const group = resolve(w.lower);
    if (!group) continue;
    const next = words[i + 1];
    const before = words[i - 1];
    const unit = (last: number): Unit => ({
      index: -1,
      term: w.lower,
      category: CATEGORY.identity,
      group,
      homonym: false,
      quoted: false,
      first: i,
      last,
    });
    if (next?.pos === "NOUN" && namesPeople(next) && !takenBeyondPerson(i + 1)) {
      out.push(unit(i + 1));
      continue;
    }
    // "jewish rats", "somali scum": an identity word naming the people a dehumanising or insulting noun calls so.
    if (calledNames(i + 1, w.lower)) {
      out.push(unit(i));
      continue;
    }
    if (!adjective) continue;
    const phraseEnds = next === undefined || !["NOUN", "PROPN", "ADJ"].includes(next.pos);
    if (!phraseEnds) continue;
    const nominal = before !== undefined && NOMINAL.has(before.lower);
    const predicate = before?.pos === "AUX" && before.lemma === "be" && personAt(words, i - 2);
    if (nominal || predicate) out.push(unit(i));
  }
  return out;
}
