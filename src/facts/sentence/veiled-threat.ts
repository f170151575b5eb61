import { CATEGORY } from "../../domain/facts.js";
import type { Clause } from "./clauses.js";
import type { Mention } from "./findings.js";
import { genericMention } from "./generalisation.js";
import type { ParsedSentence } from "./units.js";
import { fixedExpressionWords, runValence } from "./valence.js";

/** Sentences that side with the group, name it as a victim, or deny: no threat to read. */
const QUIET = new Set<string>([CATEGORY.victimFrame, CATEGORY.negation, CATEGORY.support, CATEGORY.denouncement]);
const FIRST_PERSON = new Set(["i", "we", "im", "i'm", "ill", "i'll", "we'll", "were", "we're"]);

/**
 * The author announces what they will do in a sentence about a whole group
 * ("X better watch out, I'm coming for them") with nothing positive
 * said: a threat may be veiled in words no lexicon lists, so rules leave it
 * unsettled, for judgment. Praise ("I will always support X") is not.
 */
export function announcedAgainstGroup(
  s: ParsedSentence,
  clauses: readonly Clause[],
  mentions: readonly Mention[],
): boolean {
  const intent = s.units.find(
    (u) =>
      u.category === CATEGORY.intent &&
      s.words.slice(Math.max(0, u.first - 1), u.last + 1).some((w) => FIRST_PERSON.has(w.lower.replace("’", "'"))),
  );
  if (!intent) return false;
  if (s.units.some((u) => QUIET.has(u.category))) return false;
  if (!mentions.some((g) => genericMention(s, clauses, g))) return false;
  const fixed = fixedExpressionWords(s);
  return runValence(s.words, undefined, false, (i) => fixed.has(i)) <= 0;
}
