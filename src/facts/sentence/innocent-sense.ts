import { CATEGORY } from "../../domain/facts.js";
import { isPersonNoun } from "../person-nouns.js";
import type { Word } from "./nlp.js";
import type { ParsedSentence, Unit } from "./units.js";

const PARTITIVE = new Set(["in", "of"]);
const INDEFINITE = new Set(["a", "an", "any", "one", "no", "another", "the"]);
const JOINERS = new Set(["and", "&", "with", "or", "n"]);
const PERSONAL = new Set<string>([CATEGORY.slur, CATEGORY.identity, CATEGORY.personReference, CATEGORY.secondPerson]);

const shoutingCache = new WeakMap<readonly Word[], boolean>();
/** A sentence written all in capitals, where case says nothing about names. */
function isShouting(words: readonly Word[]): boolean {
  let known = shoutingCache.get(words);
  if (known === undefined) {
    known = words.every((w) => w.text === w.text.toUpperCase());
    shoutingCache.set(words, known);
  }
  return known;
}

/** Capitalised as a name is; in a text written in capitals, tagged as a proper noun. */
const capitalised = (w: Word | undefined, shouting: boolean) =>
  w !== undefined && (shouting ? w.pos === "PROPN" : /^\p{Lu}/u.test(w.text) && w.text !== w.text.toUpperCase());

/** "Offa's Dyke", "Fort Chink Road": a name, capitalised mid-sentence after another name. */
export function partOfName(words: readonly Word[], t: Unit): boolean {
  const shouting = isShouting(words);
  const is = (w: Word | undefined) => capitalised(w, shouting);
  const head = words[t.first];
  if (t.first === 0) return false;
  const before = words[t.first - 1] as Word;
  const possessive = before.lower === "'s" || before.lower === "’s";
  const owner = possessive ? words[t.first - 2] : before;
  // In capitals the parser may not tag the head a name; a named owner's "'s" still marks one ("OFFA'S DYKE").
  if (shouting) return possessive && is(owner);
  return is(head) && (is(owner) || is(words[t.last + 1]));
}

/** "a X in their defence", "a X of light": a gap or a sliver. */
function partitive(words: readonly Word[], t: Unit): boolean {
  const before = words[t.first - 1];
  const after = words[t.last + 1];
  // A sliver or a gap is "a X" ("a X in the armour"); "every X in this county", "the X in my class" are people.
  const article = (w: Word | undefined) => w !== undefined && INDEFINITE.has(w.lower);
  const det = article(before) || (before?.pos === "ADJ" && article(words[t.first - 2]));
  return det && after !== undefined && PARTITIVE.has(after.lower) && words[t.last + 2] !== undefined;
}

/**
 * "X bread", "X split": the first noun of a compound naming a thing (not a body part or a person). A plural is
 * no compound's modifier ("Xs crowding the car park": the tagger's noun is a participle).
 */
function compoundModifier(s: ParsedSentence, t: Unit): boolean {
  const next = s.words[t.last + 1];
  // A lone letter heads no compound: it is a detached ending ("X s" for "Xs").
  if (next?.pos !== "NOUN" || next.lower.length < 2) return false;
  const head = s.words[t.last] as Word;
  // The tagger lemmatises only words it knows; a misspelt plural ("Xxs") is plural when the term is not.
  const plural = head.lower.endsWith("s") && (head.lower !== head.lemma || !t.term.endsWith("s"));
  if (plural) return false;
  // "X kids", "X neighbours": a compound naming people is no thing.
  if (isPersonNoun(next.lemma)) return false;
  const i = t.last + 1;
  return !s.units.some(
    (u) => u.first <= i && u.last >= i && (PERSONAL.has(u.category) || u.category === CATEGORY.bodyPart),
  );
}

/** "X and mash", "peas with X": joined to a thing that is no person. */
function joinedToThing(s: ParsedSentence, t: Unit): boolean {
  const personal = (i: number) => s.units.some((u) => u.first <= i && u.last >= i && PERSONAL.has(u.category));
  const thingAt = (i: number, step: number) => {
    let k = i;
    while (s.words[k] && (s.words[k]?.pos === "DET" || s.words[k]?.pos === "ADJ")) k += step;
    const w = s.words[k];
    return w !== undefined && w.pos === "NOUN" && !personal(k);
  };
  const next = s.words[t.last + 1];
  const prev = s.words[t.first - 1];
  return (
    (next !== undefined && JOINERS.has(next.lower) && thingAt(t.last + 2, 1)) ||
    (prev !== undefined && JOINERS.has(prev.lower) && thingAt(t.first - 2, -1))
  );
}

/** "we ate X", "the dutch built X", "can I bum a X": the object of a verb that takes things (the pack's thing-verbs). */
export function objectOfThingVerb(s: ParsedSentence, t: Unit): boolean {
  const verb = s.units.find((u) => u.category === CATEGORY.thingVerb && u.last < t.first && t.first - u.last <= 4);
  if (!verb) return false;
  return s.words.slice(verb.last + 1, t.first).every((w) => w.pos === "DET" || w.pos === "ADJ" || w.pos === "NUM");
}

/** "the butcher's X", "my car's X": owned by someone, so a thing (a name's "'s" is partOfName). */
function possessed(words: readonly Word[], t: Unit): boolean {
  const before = words[t.first - 1];
  return before !== undefined && before.pos === "PART" && (before.lower === "'s" || before.lower === "’s");
}

/**
 * Whether the clause shows a term's innocent sense by structure: part of a
 * name, a gap ("a X in …"), the first noun of a compound ("X bread"),
 * joined to a thing ("X and mash"), owned ("my car's X"), or the object of a
 * verb that takes things ("we ate X", "they dug a X"). Used
 * for slurs whose slur sense dominates: they count unless this holds.
 */
export function innocentSense(s: ParsedSentence, t: Unit): boolean {
  return (
    partOfName(s.words, t) ||
    partitive(s.words, t) ||
    compoundModifier(s, t) ||
    joinedToThing(s, t) ||
    possessed(s.words, t) ||
    objectOfThingVerb(s, t)
  );
}
