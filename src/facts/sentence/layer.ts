import { CATEGORY } from "../../domain/facts.js";
import { distinctTerms } from "../distinct-terms.js";
import type { LexiconMatch } from "../lexicon-matcher.js";
import { analyseSentences, type SentenceFacts } from "./analyse.js";
import { mayGeneraliseAboutGroup } from "./claim-gate.js";
import type { GroupResolver } from "./identity-words.js";
import { hitsToPlace, parseWindow } from "./parse-window.js";
import { respace } from "./respace.js";
import { HOSTILE } from "./sense.js";
import type { SpannedMatch } from "./units.js";

/** A span of the original text, placed in the respaced one: its end is the end of its last letter. */
const shifted = ([start, end]: [number, number], at: (offset: number) => number): [number, number] => [
  at(start),
  at(end - 1) + 1,
];

/**
 * A match as the sentence layer reads it. Two literals, not spreads of the optional fields: an object spread in
 * a literal takes V8's slow path, once per match of every parsed text. `group` is there only when the match
 * names one (units.ts tells the two shapes apart by it).
 */
function spannedMatch(m: LexiconMatch, index: number, span: [number, number]): SpannedMatch {
  const { term, category, homonym, quoted } = m;
  const innocentPos = m.innocentPos || undefined;
  return m.group
    ? { index, term, category, group: m.group, homonym, innocentPos, quoted, span }
    : { index, term, category, homonym, innocentPos, quoted, span };
}

/** Words that can make a clause about a group hostile, or say that a word is only mentioned. */
const LOADED = new Set<string>([
  CATEGORY.slur,
  ...HOSTILE,
  CATEGORY.degree,
  CATEGORY.reductive,
  CATEGORY.insinuation,
  CATEGORY.stereotypeFrame,
]);

/**
 * Whether a text needs the sentence layer: it names a group (identity term or
 * slur) and carries something a clause could make hostile — a slur, a hostile
 * or profane word, a degree word ("so gay"), or a value word under negation
 * ("not human") — or it pairs a harm verb with a body part, or violence with intent or a call ("X should be
 * hanged", whose target only the parser can see). Everything else —
 * most traffic, and most talk about groups — keeps the word-level facts and
 * never pays for parsing. A text naming a group with no loaded word is parsed
 * when `mayGeneraliseAboutGroup` finds a generic or negative claim possible.
 */
export function needsParse(matches: readonly LexiconMatch[], text = "", namesGroup = false): boolean {
  let group = namesGroup;
  let loaded = false;
  let value = false;
  let negation = false;
  let harm = false;
  let body = false;
  let violence = false;
  let stance = false;
  // Which terms the text holds, not how often: the first match of each (a violence word opening the text is
  // the first of its term), also all the claim gate reads.
  const terms = distinctTerms(matches);
  for (const m of terms) {
    if (m.group && (m.category === CATEGORY.identity || m.category === CATEGORY.slur)) group = true;
    if (LOADED.has(m.category)) loaded = true;
    else if (m.category === CATEGORY.positiveValue) value = true;
    else if (m.category === CATEGORY.negation) negation = true;
    else if (m.category === CATEGORY.harmVerb) harm = true;
    else if (m.category === CATEGORY.bodyPart) body = true;
    // Violence opening the text is an imperative ("shoot the umpire"), a call with no cue word.
    if (m.category === CATEGORY.violence) violence = true;
    if (m.category === CATEGORY.violence && m.start === 0) stance = true;
    else if (m.category === CATEGORY.intent || m.category === CATEGORY.prescriptive) stance = true;
  }
  return (
    (group && (loaded || (value && negation))) ||
    (harm && body) ||
    (violence && stance) ||
    mayGeneraliseAboutGroup(terms, text, namesGroup)
  );
}

/**
 * Runs the sentence layer on the original text (case and punctuation help the
 * parser). `innocent`: the slurs it reads in an innocent sense, which the
 * word-level facts (quoted, reported, self-applied) then drop too.
 */
export function sentenceFacts(
  original: string,
  matches: readonly LexiconMatch[],
  toOriginal: (start: number, end: number) => [number, number],
  resolve?: GroupResolver,
  cuts: readonly number[] = [],
): SentenceFacts & { innocent: ReadonlySet<LexiconMatch> } {
  // Glued words the repair split are parsed apart (see respace.ts).
  const spaced = respace(original, cuts);
  // Long texts are parsed only around their first hits (see parse-window.ts): only those need placing.
  const placed = matches.slice(0, hitsToPlace(original.length, matches));
  const spanned: SpannedMatch[] = placed.map((m, index) =>
    spannedMatch(m, index, shifted(toOriginal(m.start, m.end), spaced.at)),
  );
  const window = parseWindow(spaced.text, spanned);
  const facts = analyseSentences(window.text, window.matches, resolve);
  const innocent = new Set(facts.innocent_terms.map((i) => matches[i] as LexiconMatch));
  // Added to the fresh facts object, not spread into a copy (a spread of this size takes V8's slow path).
  return Object.assign(facts, { innocent });
}
