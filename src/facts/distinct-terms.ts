import { remembered } from "../lib/remembered.js";
import type { LexiconMatch } from "./lexicon-matcher.js";

/** Below this many matches the filter would cost more than it saves: ordinary texts have a handful. */
const WORTH_FILTERING = 64;

/**
 * The matches that differ in lexicon, term, category or group: the first of each, in text order. Where a
 * reader asks only which terms a text holds (never where, nor how often), this is the same answer from
 * fewer matches: a 64 KiB text can hit the same two or three terms tens of thousands of times ("👩‍👩‍👧 …",
 * "f.a.g f.a.g …"), and each set lookup per match was a good part of its evaluation.
 */
export function distinctTerms(matches: readonly LexiconMatch[]): readonly LexiconMatch[] {
  return matches.length < WORTH_FILTERING ? matches : remembered(filtered, matches, firstOfEach);
}

/**
 * Remembered per array of matches, which is never changed once matched: the gate of the sentence layer and
 * the facts both ask, and neither sees the other's copy.
 */
const filtered = new WeakMap<readonly LexiconMatch[], readonly LexiconMatch[]>();

function firstOfEach(matches: readonly LexiconMatch[]): readonly LexiconMatch[] {
  const byTerm = new Map<string, LexiconMatch[]>();
  const out: LexiconMatch[] = [];
  let previous: LexiconMatch | undefined;
  for (const m of matches) {
    // The term of the match before (a slur written ten thousand times in a row) is known without a lookup.
    if (previous && sameTerm(previous, m)) continue;
    previous = m;
    const seen = byTerm.get(m.term);
    if (!seen) byTerm.set(m.term, [m]);
    else if (seen.some((s) => sameTerm(s, m))) continue;
    else seen.push(m);
    out.push(m);
  }
  return out;
}

const sameTerm = (a: LexiconMatch, b: LexiconMatch) =>
  a.term === b.term && a.lexicon === b.lexicon && a.category === b.category && a.group === b.group;
