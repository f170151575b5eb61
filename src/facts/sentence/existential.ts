import { CATEGORY } from "../../domain/facts.js";
import type { Mention } from "./findings.js";
import type { Word } from "./nlp.js";
import { HOSTILE } from "./sense.js";
import type { ParsedSentence } from "./units.js";
import { isNegator, runValence } from "./valence.js";

const RELATIVES = new Set(["who", "that", "whos", "who's"]);
/** Verbs of meeting someone, as in "never met an X who …", "have you ever met an X who …". */
const ENCOUNTER = new Set(["meet", "see", "know", "find", "name", "show"]);
/** "a single X", "one X", "an X": one unspecified member of the group. */
const ANY_ONE = new Set(["a", "an", "one", "single", "any"]);
/** A hostile word the rating list does not know ("criminal") weighs as a clearly negative one. */
const HOSTILE_WEIGHT = -2;

/**
 * "I've never met an X who was worth anything", "is there a single X who isn't
 * a criminal?", "have you ever met an X who wasn't a cheat?": denying that any
 * member of a group has a quality, or asking as if none had, says every member
 * lacks it. It runs the group down when the quality in the relative clause is
 * good (its valence, negations inside it counted, is positive); "never met an
 * X who wasn't kind" is praise. Rules cannot tell sincere questions from
 * rhetorical ones, so the caller leaves it unsettled, for judgment.
 */
export function deniesAnyGood(s: ParsedSentence, mentions: readonly Mention[]): boolean {
  const { words } = s;
  const question = words.some((w) => w.text === "?");
  // What precedes each word, in one pass: an encounter verb, "there", a negator.
  const encounter: boolean[] = [];
  const there: boolean[] = [];
  const negated: boolean[] = [];
  words.forEach((w, i) => {
    encounter[i + 1] = (encounter[i] ?? false) || ENCOUNTER.has(w.lemma);
    there[i + 1] = (there[i] ?? false) || w.lower === "there";
    negated[i + 1] = (negated[i] ?? false) || isNegator(w);
  });
  return mentions.some((g) => {
    if (g.member || !ANY_ONE.has(words[g.first - 1]?.lower ?? "")) return false;
    const rel = words[g.last + 1];
    if (!rel || !RELATIVES.has(rel.lower)) return false;
    const existence = encounter[g.first] || (there[g.first] && question);
    const denied = negated[g.first] || question;
    if (!existence || !denied) return false;
    return quality(s, g.last + 2) > 0;
  });
}

/** The valence of the relative clause from `from` to the end of its sentence, hostile words counted. */
function quality(s: ParsedSentence, from: number): number {
  let end = s.words.length - 1;
  for (let i = from; i < s.words.length; i++)
    if ((s.words[i] as Word).pos === "PUNCT") {
      end = i - 1;
      break;
    }
  const words = s.words.slice(from, end + 1);
  let total = runValence(words);
  const negated = words.some(isNegator);
  for (const u of s.units) {
    if (u.first < from || u.last > end || runValence(s.words.slice(u.first, u.last + 1)) !== 0) continue;
    // The pack's words the rating list does not know: hostile ones ("criminal") and values ("be trusted").
    const weight = HOSTILE.has(u.category)
      ? HOSTILE_WEIGHT
      : u.category === CATEGORY.positiveValue
        ? -HOSTILE_WEIGHT
        : 0;
    total += negated ? -weight : weight;
  }
  return total;
}
