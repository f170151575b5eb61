import { CATEGORY } from "../../domain/facts.js";
import { isPersonNoun } from "../person-nouns.js";
import type { Clause } from "./clauses.js";
import { partOfName } from "./innocent-sense.js";
import { opensImperative, type Word } from "./nlp.js";
import type { ParsedSentence, Unit } from "./units.js";

const PEOPLE = new Set<string>([
  CATEGORY.secondPerson,
  CATEGORY.personReference,
  CATEGORY.selfReference,
  CATEGORY.identity,
]);
/** Categories that carry hostility or profanity: evidence that a nearby term is used of people. */
export const HOSTILE: ReadonlySet<string> = new Set<string>([
  CATEGORY.contempt,
  CATEGORY.dehumanising,
  CATEGORY.hostility,
  CATEGORY.insult,
  CATEGORY.profanity,
  CATEGORY.violence,
  CATEGORY.exclusion,
]);
/** Markers of what is only ever insinuated about people: control, suspicion, stereotype. */
const INSINUATING: ReadonlySet<string> = new Set<string>([CATEGORY.insinuation, CATEGORY.stereotypeFrame]);
/** Parts of speech that cannot be the subject of a verb right after them. */
const NO_SUBJECT = new Set(["AUX", "ADP", "SCONJ", "PUNCT"]);
const PERSON_PRONOUNS = new Set(["i", "you", "u", "he", "she", "we", "they", "ur", "ya", "yall", "y'all"]);
const OBJECT_PRONOUNS = new Set(["me", "you", "him", "her", "us", "them", "u"]);
/** Determiners that pick out people in a crowd ("those X", "a bunch of X"). */
const POINTING = new Set(["those", "these", "them", "all", "bunch", "lot", "pack", "we", "us"]);
const CONTRACTED = /^(i['’]?m|you['’]re|youre|he['’]s|hes|she['’]s|shes|we['’]re|they['’]re|theyre|ur)$/;
const ARTICLES = new Set(["a", "an", "such", "the", "some", "little", "dirty", "fucking", "stupid", "dumb"]);

/**
 * "he's a X", "you are such a X", "they're all X": the term is said of a person. A common-noun subject
 * ("the ref is a X", "the house is X and span") is a person when the pack knows it as one; for a term
 * marked homonym any noun counts, since an unknown noun must not free the word. For other terms a
 * thing subject only lets the innocent-sense structures speak; without one the slur sense stands.
 */
function predicatedOfPerson(s: ParsedSentence, clause: Clause, t: Unit, anyNoun: boolean): boolean {
  const { words } = s;
  for (let i = t.first - 1; i >= clause.from; i--) {
    const w = words[i] as Word;
    // The parser keeps some contractions whole ("I'm" as one word): subject and copula at once.
    if (CONTRACTED.test(w.lower)) return true;
    if (w.pos === "AUX" && w.lemma === "be") {
      const subject = words[i - 1];
      // A pronoun, a name or a noun ("the ref is a X"); not "it", "that", "there".
      if (subject === undefined) return false;
      if (PERSON_PRONOUNS.has(subject.lower) || subject.pos === "PROPN" || subject.text.startsWith("@")) return true;
      if (anyNoun && subject.pos !== "PRON" && subject.pos !== "DET" && subject.pos !== "ADV") return true;
      const known = s.units.some((u) => u.last === i - 1 && PEOPLE.has(u.category));
      return subject.pos === "NOUN" && known;
    }
    if (w.pos === "VERB" || w.pos === "ADP") return false;
  }
  return false;
}

/** "called him a X", "calling gay men X": a naming verb, a person or group, then the term. */
function namedPerson(s: ParsedSentence, t: Unit): boolean {
  let i = t.first - 1;
  while (i >= 0 && ARTICLES.has((s.words[i] as Word).lower)) i--;
  const object = s.words[i];
  if (!object) return false;
  const person = s.units.find((u) => u.last === i && PEOPLE.has(u.category));
  if (!OBJECT_PRONOUNS.has(object.lower) && !person) return false;
  const from = person ? person.first : i;
  return s.units.some((u) => u.category === CATEGORY.speechVerb && u.last < from && from - u.last <= 2);
}

/**
 * Tagged a noun and placed as one: starting its clause or after a determiner, adjective or preposition. After a
 * noun or pronoun the tagger's "noun" is often the verb ("the strikes cripple the economy"); before an
 * object it is a verb too.
 */
function nounReading(words: readonly Word[], t: Unit): boolean {
  const head = words[t.last];
  const before = words[t.first - 1];
  // After a determiner a word is a noun whatever the tagger says ("no Xs allowed": Xs tagged a verb).
  const determined = before?.pos === "DET" && head?.pos === "VERB";
  // "how are Xs allowed", "to Xs": an -s verb needs a singular subject before it; with none it is a plural noun.
  const plural =
    head !== undefined &&
    head.lower !== t.term &&
    head.lower.endsWith("s") &&
    (before === undefined || NO_SUBJECT.has(before.pos));
  if (head?.pos !== "NOUN" && !determined && !plural) return false;
  const after = words[t.last + 1];
  const verbLike = before !== undefined && ["NOUN", "PROPN", "PRON"].includes(before.pos);
  return !verbLike && after?.pos !== "DET" && after?.pos !== "PRON";
}

/**
 * Whether a term with innocent senses (a food, a place, a gap, a cigarette)
 * is used of people here, by its role in the clause: said of a person,
 * addressed to one, named by a naming verb, modified by a hostile word, or
 * the subject or object of a hostile predicate. A proper noun ("Offa's Dyke")
 * is a name. Without such a role the innocent sense stands.
 */
export function usedOfPeople(s: ParsedSentence, clause: Clause, t: Unit): boolean {
  const { words, units } = s;
  const near = (u: Unit) => u !== t && u.first >= clause.from && u.last <= clause.to;
  const addressed = units.some(
    (u) => near(u) && u.category === CATEGORY.secondPerson && u.last < t.first && t.first - u.last <= 3,
  );
  if (addressed) return true;
  if (partOfName(words, t)) return false;
  // "cripples are …", "the retard on the bus": a word whose innocent senses are verbs or adjectives, used as a noun.
  if (t.innocentPos && nounReading(words, t)) return true;
  if (predicatedOfPerson(s, clause, t, t.homonym) || namedPerson(s, t)) return true;
  // "proud X here": the self-introduction idiom, "I am a X".
  const after = words[t.last + 2];
  if (words[t.last + 1]?.lower === "here" && (!after || after.pos === "PUNCT" || after.pos === "CCONJ")) return true;
  // The word itself discussed or quoted ("the word 'X'", "a 'X'"): its slur sense, mentioned.
  if (
    t.quoted ||
    units.some((u) => u.category === CATEGORY.reportedSpeech && u.last < t.first && t.first - u.last <= 2)
  )
    return true;
  const before = words[t.first - 1]?.lower === "of" ? words[t.first - 2] : words[t.first - 1];
  if (before && POINTING.has(before.lower)) return true;
  // A vocative: the term alone in its clause after an imperative or words to "you" ("shut up, X").
  const addressing = opensImperative(words) || units.some((u) => u.category === CATEGORY.secondPerson);
  const vocative = clause.from > 0 && clause.to - clause.from <= 1 && addressing;
  if (vocative || (addressing && trailingVocative(words, t))) return true;
  // Hostile words with innocent senses of their own ("burnt") are no evidence for another homonym.
  const hostileNear = (u: Unit) => near(u) && HOSTILE.has(u.category) && !u.homonym;
  const modifiedBy = units.some((u) => hostileNear(u) && u.last + 1 === t.first);
  if (modifiedBy) return true;
  // Subject or object of a hostile predicate in the same clause, with no other noun taking it.
  const hostile = units.filter(hostileNear);
  const between = (a: number, b: number) => words.slice(a + 1, b);
  const linking = (w: Word) => w.pos === "AUX" || w.pos === "ADV" || w.pos === "PART" || w.pos === "DET";
  // Insinuations are said of people ("the Xs run this town"): their subject is people as a hostile predicate's is.
  const sayings = hostile.concat(units.filter((u) => near(u) && INSINUATING.has(u.category)));
  const subjectOf = sayings.some((p) => p.first > t.last && between(t.last, p.first).every(linking));
  const objectOf = hostile.some(
    (p) => p.last < t.first && between(p.last, t.first).every((w) => w.pos === "DET" || w.pos === "ADJ"),
  );
  const likePeople = units.some((u) => near(u) && PEOPLE.has(u.category) && u.first > t.last && u.first - t.last <= 2);
  return subjectOf || objectOf || likePeople || inApposition(s, t) || isPersonPredicate(s, t, clause);
}

/** What may follow a word that ends its phrase. */
const ENDS_PHRASE = new Set(["PUNCT", "SYM", "INTJ", "CCONJ"]);

/**
 * "disabled people, vegetables", "X 🥦 vegetables": set right after a group, with only punctuation or symbols
 * between and ending its phrase ("X vegetable curry" is a dish), the term is what the group is called.
 */
function inApposition(s: ParsedSentence, t: Unit): boolean {
  const { words } = s;
  const next = words[t.last + 1];
  if (next !== undefined && !ENDS_PHRASE.has(next.pos)) return false;
  let i = t.first - 1;
  while (i >= 0 && ((words[i] as Word).pos === "PUNCT" || (words[i] as Word).pos === "SYM")) i--;
  return s.units.some((u) => u.last === i && u.category === CATEGORY.identity);
}

/**
 * "get out of the way X": a word whose innocent senses are transitive verbs, ending the sentence right after a
 * noun, has no object to take, so it is no verb; it is the person the sentence is said to.
 */
function trailingVocative(words: readonly Word[], t: Unit): boolean {
  if (t.innocentPos !== "verb" || words[t.first - 1]?.pos !== "NOUN") return false;
  return words.slice(t.last + 1).every((w) => w.pos === "PUNCT");
}

/**
 * "X are all criminals", "X is a liar": said to be people, by a noun that names people; "X are defective
 * livestock": said to be animals or things by a dehumanising noun, a comparison only people are put to.
 */
function isPersonPredicate(s: ParsedSentence, t: Unit, clause: Clause): boolean {
  const { words } = s;
  const be = words[t.last + 1];
  if (be?.pos !== "AUX" || be.lemma !== "be") return false;
  for (let i = t.last + 2; i <= clause.to; i++) {
    const w = words[i] as Word;
    const dehumanising = s.units.some((u) => u.first === i && u.category === CATEGORY.dehumanising && !u.homonym);
    if (dehumanising) return true;
    if (w.pos === "NOUN") return isPersonNoun(w.lemma) && words[i + 1]?.pos !== "NOUN";
    if (w.pos !== "DET" && w.pos !== "ADV" && w.pos !== "ADJ") return false;
  }
  return false;
}

/**
 * "that hike was a X": the term is said of a common noun the pack does not know as a person. For a term
 * marked homonym that counts as of people (an unknown noun must not free the word), but its sense is open.
 */
export function saidOfUnknownNoun(s: ParsedSentence, clause: Clause, t: Unit): boolean {
  return predicatedOfPerson(s, clause, t, true) && !predicatedOfPerson(s, clause, t, false);
}
