import { CATEGORY } from "../../domain/facts.js";
import type { LexiconMatch } from "../lexicon-matcher.js";
import { analyseSentences, type SentenceFacts } from "./analyse.js";
import type { SpannedMatch } from "./units.js";

/**
 * Whether a text needs the sentence layer: it names a group (identity term or
 * slur), or pairs a harm verb with a body part. Everything else — most
 * traffic — keeps the word-level facts and never pays for parsing.
 */
export function needsParse(matches: readonly LexiconMatch[]): boolean {
  let harm = false;
  let body = false;
  for (const m of matches) {
    if (m.group && (m.category === CATEGORY.identity || m.category === CATEGORY.slur)) return true;
    if (m.category === CATEGORY.harmVerb) harm = true;
    if (m.category === CATEGORY.bodyPart) body = true;
  }
  return harm && body;
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
): SentenceFacts & { innocent: ReadonlySet<LexiconMatch> } {
  const spanned: SpannedMatch[] = matches.map((m, index) => ({
    index,
    term: m.term,
    category: m.category,
    ...(m.group ? { group: m.group } : {}),
    homonym: m.homonym,
    quoted: m.quoted,
    span: toOriginal(m.start, m.end),
  }));
  const facts = analyseSentences(original, spanned);
  const innocent = new Set(facts.innocent_terms.map((i) => matches[i] as LexiconMatch));
  return { ...facts, innocent };
}
