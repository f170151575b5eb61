import { CATEGORY } from "../../domain/facts.js";
import type { LexiconMatch } from "../lexicon-matcher.js";
import { isNegativeWord } from "./valence.js";

/** Words that make a statement about some people one about a whole group. */
const GENERALISERS = /\b(?:all|every|most|typical|classic|always|never|these|those|why|how)\b/;

/**
 * The cheap test that lets a text naming a group with no loaded word reach the
 * parse: an identity term (not a slur, which the main gate already takes) beside
 * a word of negative valence, or beside a generaliser ("all", "typical", "why").
 * Costs one scan of the words, and only for texts that name a group.
 */
export function mayGeneraliseAboutGroup(matches: readonly LexiconMatch[], text: string, namesGroup = false): boolean {
  // A group word the lexicon lists only in phrases ("Pakistani cabbies …") names a group too.
  if (!namesGroup && !matches.some((m) => m.group && m.category === CATEGORY.identity)) return false;
  // "X can't …", "X never …": a denial said of a group may be a deficiency claim.
  // "X … I'll see to it": an announcement beside a group may be a veiled threat.
  if (matches.some((m) => m.category === CATEGORY.negation || m.category === CATEGORY.intent)) return true;
  const lower = text.toLowerCase();
  if (GENERALISERS.test(lower)) return true;
  for (const word of lower.match(/[a-z]+(?:['’][a-z]+)?/g) ?? []) if (isNegativeWord(word)) return true;
  return false;
}
