import { CATEGORY, CUE_CATEGORIES, FIXED_EXPRESSIONS } from "../domain/index.js";
import type { LexiconMatch } from "./lexicon-matcher.js";
import { anyEndingIn, anyOverlapping } from "./reach-index.js";

/**
 * Reads what the words are doing, sentence by sentence: who they are aimed
 * at, whether they are negated, quoted or reported, whether the author speaks
 * of themselves. The mechanism is general; the cue words come from the pack's
 * lexicons (categories in domain/facts.ts), so a pack in another language
 * supplies its own.
 */
export type ContextFacts = {
  slur_use: boolean;
  group_derogation: boolean;
  group_harm_call: boolean;
  threat: boolean;
  insult_to_addressee: boolean;
  self_harm_incitement: boolean;
  quoted: boolean;
  reported: boolean;
  slur_self_applied: boolean;
  /** Groups the text says the author belongs to ("as a gay man", "we trans people"): resolved against slur targets later. */
  claimed_groups: string[];
  self_reference: boolean;
  addresses_other: boolean;
  denounces: boolean;
  negated: boolean;
  support: boolean;
};

const CONTEMPT = new Set<string>([CATEGORY.contempt, CATEGORY.dehumanising, CATEGORY.hostility]);
const HARM = new Set<string>([CATEGORY.violence, CATEGORY.exclusion]);
const INSULT = new Set<string>([CATEGORY.insult, CATEGORY.contempt, CATEGORY.dehumanising]);
const HOSTILE = new Set<string>([...CONTEMPT, ...HARM, CATEGORY.insult, CATEGORY.selfHarmIncitement]);
const VIOLENCE = new Set<string>([CATEGORY.violence]);
const SELF_HARM = new Set<string>([CATEGORY.selfHarmIncitement]);
/** How close an imperative harm word must come before the group it names ("deport all immigrants"). */
const IMPERATIVE_REACH = 3;
/**
 * How close a person reference must be for a term with innocent senses to
 * count. A subject comes before, often with auxiliaries between ("you deserve
 * to be X"); an object follows closely ("X him", "X like them").
 */
const SUBJECT_REACH = 4;
const OBJECT_REACH = 2;
/** Whether one of `people` stands close enough to `term` to be its subject (before it) or its object (after it). */
const withinReach = (term: LexiconMatch, people: readonly LexiconMatch[]) =>
  anyOverlapping(people, term.last + OBJECT_REACH, term.first - SUBJECT_REACH);
/** How close a victim frame must come before the group it protects ("violence against all women"). */
const VICTIM_REACH = 3;
const PEOPLE = [CATEGORY.secondPerson, CATEGORY.personReference, CATEGORY.selfReference, CATEGORY.identity];
/**
 * For verbs of harm the author as subject is the agent, not the target ("I'm going to shoot some photos"),
 * and a possessive marks a person harmed ("hurt his family", "kill your kids").
 */
const TARGETS_OF_HARM = [
  ...PEOPLE.filter((c) => c !== CATEGORY.selfReference),
  CATEGORY.personPossessive,
  CATEGORY.secondPersonPossessive,
];

/**
 * A sentence's matches by category, each list in text order: `lists[k]` holds the matches of `categories[k]`,
 * categories in the order first met. Two short arrays scanned, not a Map: a sentence holds a handful of
 * categories, and a Map per sentence was most of what this analysis allocated.
 */
type Sentence = { categories: string[]; lists: LexiconMatch[][] };

/** The sentences of `matches`, in the order they first appear. */
function bySentence(matches: readonly LexiconMatch[]): Map<number, Sentence> {
  const sentences = new Map<number, Sentence>();
  // Matches come in text order, so the next one is nearly always in the sentence of the last.
  let at = -1;
  // Made at the first match: most texts have none, and a Map each was a good part of what they allocated.
  let s: Sentence | undefined;
  // The list the last match went to, of which category and sentence.
  let list: LexiconMatch[] | undefined;
  let listOf = "";
  let listIn: Sentence | undefined;
  for (const m of matches) {
    if (s === undefined || m.sentence !== at) {
      at = m.sentence;
      const known = sentences.get(at);
      if (known) s = known;
      else {
        s = { categories: [], lists: [] };
        sentences.set(at, s);
      }
    }
    // A run of one category (a family emoji's "woman woman girl") is pushed without a search.
    if (list !== undefined && m.category === listOf && s === listIn) {
      list.push(m);
      continue;
    }
    const k = s.categories.indexOf(m.category);
    if (k >= 0) list = s.lists[k] as LexiconMatch[];
    else {
      list = [];
      s.categories.push(m.category);
      s.lists.push(list);
    }
    list.push(m);
    listOf = m.category;
    listIn = s;
  }
  return sentences;
}

const has = (s: Sentence, category: string) => s.categories.includes(category);
const NONE: readonly LexiconMatch[] = [];
const get = (s: Sentence, category: string): readonly LexiconMatch[] => {
  const k = s.categories.indexOf(category);
  return k >= 0 ? (s.lists[k] as LexiconMatch[]) : NONE;
};

/** A negation word inside a longer fixed expression ("nothing but", "not only") is not a negation. */
function withinExpression(s: Sentence, n: LexiconMatch): boolean {
  for (const c of FIXED_EXPRESSIONS) if (anyOverlapping(get(s, c), n.first, n.last)) return true;
  return false;
}

/** Where a sentence's first negation that is not part of a fixed expression ends; worked out once a sentence. */
const negationEnds = new WeakMap<Sentence, number>();
function firstNegationEnd(s: Sentence): number {
  let end = negationEnds.get(s);
  if (end === undefined) {
    end = Number.POSITIVE_INFINITY;
    for (const n of get(s, CATEGORY.negation)) if (n.last < end && !withinExpression(s, n)) end = n.last;
    negationEnds.set(s, end);
  }
  return end;
}

/** A negation cue earlier in the same sentence negates a hostile term ("women are not vermin", "I don't hate"). */
const isNegated = (s: Sentence, m: LexiconMatch): boolean => firstNegationEnd(s) < m.first;

/**
 * The groups a sentence could be hostile to: those it names, except where a
 * victim frame makes them the ones wronged ("I hate people who discriminate
 * against women", "stop violence against immigrants").
 */
function targetedGroups(s: Sentence): readonly LexiconMatch[] {
  const named = get(s, CATEGORY.identity);
  const frames = get(s, CATEGORY.victimFrame);
  if (frames.length === 0) return named;
  return named.filter((g) => !frames.some((f) => f.last < g.first && g.first - f.last <= VICTIM_REACH));
}

const isFlaggedCategory = (category: string) => !CUE_CATEGORIES.has(category) && category !== CATEGORY.profanity;

/**
 * A term with innocent senses (a cigarette, a dog, a verb: `homonym` in the
 * lexicon) counts only when a person is referred to within a few words of it:
 * "you dumb X", "he's a X", "X like them", "I'm such a X" — but not "going out
 * for a X", "your dog" or "my dog". Cue words are never dropped.
 */
function aimedAtPeople(s: Sentence, term: LexiconMatch): boolean {
  // "my dog", "our rat": the author's own animal or thing, whoever else the sentence addresses.
  if (anyEndingIn(get(s, CATEGORY.selfPossessive), term.first - 1, term.first - 1)) return false;
  const people = HARM.has(term.category) ? TARGETS_OF_HARM : PEOPLE;
  return people.some((c) => withinReach(term, get(s, c)));
}

/**
 * Whether the sentence layer read a slur as used of people (not as a food, a
 * place, a gap). Given only for texts it parsed; otherwise the word window decides.
 */
export type SenseReading = (m: LexiconMatch) => boolean;

/**
 * Sentences with every homonym that is not aimed at people removed. Most texts have no homonym and no slur the
 * sentence layer read: their sentences are read as they are.
 */
function senseFiltered(matches: readonly LexiconMatch[], sense?: SenseReading): Iterable<Sentence> {
  const sentences = bySentence(matches);
  if (!matches.some((m) => m.homonym || (sense && m.category === CATEGORY.slur))) return sentences.values();
  const keep = (s: Sentence, m: LexiconMatch) => {
    if (sense && m.category === CATEGORY.slur) return sense(m);
    return !m.homonym || CUE_CATEGORIES.has(m.category) || aimedAtPeople(s, m);
  };
  // Each match is judged within its whole sentence, before anything is removed.
  const kept = matches.filter((m) => keep(sentences.get(m.sentence) as Sentence, m));
  return kept.length === matches.length ? sentences.values() : bySentence(kept).values();
}

/**
 * Whether a term of the given categories stands that no earlier negation cue negates (and that `and` holds of).
 * One pass, no arrays: a 64 KiB text has thousands of sentences, or one sentence with thousands of terms.
 */
function anyLive(s: Sentence, set: ReadonlySet<string>, and?: (m: LexiconMatch) => boolean): boolean {
  // By category, so a sentence of ten thousand slurs is not walked once per kind of term it lacks.
  const negations = has(s, CATEGORY.negation);
  for (const c of set) for (const m of get(s, c)) if ((!negations || !isNegated(s, m)) && (!and || and(m))) return true;
  return false;
}

/** Whether a term of the given categories is negated by an earlier cue (see isNegated). */
function anyNegated(s: Sentence, set: ReadonlySet<string>): boolean {
  for (const c of set) for (const m of get(s, c)) if (isNegated(s, m)) return true;
  return false;
}

/** The author speaking of themselves just before a term ("we X", "I'm a proud X", "as a gay man"). */
const selfBefore = (s: Sentence, m: LexiconMatch) =>
  anyEndingIn(get(s, CATEGORY.selfReference), m.first - SUBJECT_REACH, m.first - 1);
const reportedBefore = (s: Sentence, m: LexiconMatch) => anyEndingIn(get(s, CATEGORY.reportedSpeech), 0, m.first - 1);
const selfApplied = (s: Sentence, m: LexiconMatch) =>
  selfBefore(s, m) && !isNegated(s, m) && !reportedBefore(s, m) && !m.quoted;

/**
 * Adds what one sentence says to the text's facts. Module-level helpers rather
 * than closures per sentence: a 64 KiB text has thousands of sentences.
 */
function readSentence(s: Sentence, facts: ContextFacts): void {
  const second = has(s, CATEGORY.secondPerson);
  const targets = targetedGroups(s);
  const named = targets.length > 0;
  const cue = has(s, CATEGORY.intent) || has(s, CATEGORY.prescriptive);

  // Terms applied to the author need the author in the sentence: most long sentences skip both walks.
  const self = has(s, CATEGORY.selfReference);
  if (has(s, CATEGORY.slur)) facts.slur_use = true;
  if (self && get(s, CATEGORY.slur).some((m) => selfApplied(s, m))) facts.slur_self_applied = true;
  if (self)
    for (const m of get(s, CATEGORY.identity)) if (m.group && selfBefore(s, m)) facts.claimed_groups.push(m.group);
  if (named && anyLive(s, CONTEMPT)) facts.group_derogation = true;
  if (named) {
    const imperative = (h: LexiconMatch) =>
      targets.some((g) => g.first > h.last && g.first - h.last <= IMPERATIVE_REACH);
    if (cue ? anyLive(s, HARM) : anyLive(s, HARM, imperative)) facts.group_harm_call = true;
  }
  const aimed =
    second ||
    has(s, CATEGORY.secondPersonPossessive) ||
    has(s, CATEGORY.personReference) ||
    has(s, CATEGORY.personPossessive) ||
    named;
  if (cue && aimed && anyLive(s, VIOLENCE)) facts.threat = true;
  // A word with innocent senses ("dog", "rat") insults the one addressed only when it is near the address,
  // not when it is near someone else ("@x we adopted a rescue dog, her name is …").
  const nearAddress = (m: LexiconMatch) => !m.homonym || withinReach(m, get(s, CATEGORY.secondPerson));
  if (second && anyLive(s, INSULT, nearAddress)) facts.insult_to_addressee = true;
  if (anyLive(s, SELF_HARM)) facts.self_harm_incitement = true;

  let flagged = false;
  const reporting = has(s, CATEGORY.reportedSpeech);
  // By category: a sentence of ten thousand cue words ("👩‍👩‍👧 …") has no flagged term to walk.
  for (let k = 0; k < s.categories.length; k++) {
    if (!isFlaggedCategory(s.categories[k] as string)) continue;
    const terms = s.lists[k] as LexiconMatch[];
    for (const m of terms) {
      flagged = true;
      if (m.quoted) facts.quoted = true;
      if (reporting && !facts.reported && reportedBefore(s, m)) facts.reported = true;
    }
  }
  if (flagged && (has(s, CATEGORY.selfReference) || has(s, CATEGORY.selfPossessive))) facts.self_reference = true;
  if (second || has(s, CATEGORY.secondPersonPossessive)) facts.addresses_other = true;
  if (has(s, CATEGORY.denouncement)) facts.denounces = true;
  if (has(s, CATEGORY.support)) facts.support = true;
  if (!facts.negated && has(s, CATEGORY.negation) && anyNegated(s, HOSTILE)) facts.negated = true;
}

/** `matches`: lexicon matches plus @handles, which count as second-person cues. */
export function analyseContext(matches: readonly LexiconMatch[], sense?: SenseReading): ContextFacts {
  const facts: ContextFacts = {
    slur_use: false,
    group_derogation: false,
    group_harm_call: false,
    threat: false,
    insult_to_addressee: false,
    self_harm_incitement: false,
    quoted: false,
    reported: false,
    slur_self_applied: false,
    claimed_groups: [],
    self_reference: false,
    addresses_other: false,
    denounces: false,
    negated: false,
    support: false,
  };
  for (const s of senseFiltered(matches, sense)) readSentence(s, facts);
  return facts;
}
