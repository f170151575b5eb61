import { FNV1A_START, fnv1a } from "../lib/fnv1a.js";
import { squeeze } from "./tokenize.js";

/**
 * One-edit typo lookup over lexicon words (SymSpell's deletion neighbourhood):
 * every word of 4+ letters is indexed under itself with each letter deleted,
 * so a token is resolved by looking up itself and its own deletions — a dozen
 * map lookups whatever the lexicon's size.
 *
 * Accepted edits: a deleted, inserted or transposed letter, and a vowel written
 * as another vowel ("faggit", "nigor"). Consonant substitutions are not: they
 * turn words into other words ("nigel", "bigger") far more often than they
 * disguise one. The first letter must stay (or trade places with the second):
 * people recognise a word by how it starts, and so do evaders.
 */
const MIN_LENGTH = 4;
const VOWELS = new Set("aeiouy");

/** The word with one letter deleted, never the first, squeezed as skeletons are ("nigbger" → "niger"). */
function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 1; i < word.length; i++) out.push(squeeze(word.slice(0, i) + word.slice(i + 1)));
  return out;
}

/** Whether `a` and `b` are one accepted edit apart (see above). */
export function oneEdit(a: string, b: string): boolean {
  if (a === b) return false;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (long.length - short.length > 1) return false;
  let i = 0;
  while (i < short.length && short[i] === long[i]) i++;
  if (short.length < long.length) return i > 0 && short.slice(i) === long.slice(i + 1);
  if (a[i + 1] === b[i] && a[i] === b[i + 1] && a.slice(i + 2) === b.slice(i + 2)) return true;
  return i > 0 && VOWELS.has(a[i] as string) && VOWELS.has(b[i] as string) && a.slice(i + 1) === b.slice(i + 1);
}

/**
 * A deletion's key in the index: its FNV-1a hash cut to 30 bits, a small integer V8 keeps unboxed. Keyed by
 * the deletions themselves, the index held a string for each (hundreds of thousands for a large lexicon); a
 * key names its deletion only up to a collision, so every word found under one is checked (`hasDeletion`).
 */
function keyOf(deletion: string): number {
  let h = FNV1A_START;
  for (let k = 0; k < deletion.length; k++) h = fnv1a(h, deletion.charCodeAt(k));
  return h & 0x3fffffff;
}

/** Whether `deletion` is one of the word's deletions, not only a string with the same key. */
const hasDeletion = (word: string, deletion: string): boolean => deletions(word).includes(deletion);

/** A word of the token's length one accepted edit away: a letter changed or two swapped. */
const swapped = (token: string, word: string): boolean => word.length === token.length && oneEdit(token, word);

export class TypoIndex {
  private readonly words = new Set<string>();
  /**
   * The words under each deletion's key, in indexing order. Most keys belong to one word, kept bare: an array
   * for each would be hundreds of thousands of arrays for a large lexicon, for no lookup's benefit.
   */
  private readonly byDeletion = new Map<number, string | string[]>();
  /**
   * The longest skeleton that can be one edit from an indexed word: the longest word, plus an inserted letter,
   * plus one more that squeezing a deletion can merge away ("abab" less "b" squeezes to "aab", then "ab"). A longer token
   * is answered at once: its deletions would cost its length squared (a 4,000-letter token took 9 s).
   */
  private longest = 0;

  constructor(words: Iterable<string>) {
    for (const w of words) {
      if (w.length < MIN_LENGTH || this.words.has(w)) continue;
      this.words.add(w);
      this.longest = Math.max(this.longest, w.length + 2);
      for (const key of new Set(deletions(w).map(keyOf))) {
        const under = this.byDeletion.get(key);
        if (under === undefined) this.byDeletion.set(key, w);
        else if (typeof under === "string") this.byDeletion.set(key, [under, w]);
        else under.push(w);
      }
    }
  }

  /** The lexicon word one accepted edit from `token` (a skeleton: no letter doubled), if any; the first indexed wins a tie. */
  nearest(token: string): string | undefined {
    if (token.length < MIN_LENGTH || token.length > this.longest) return undefined;
    // The token lacks a letter: it is one of a word's deletions.
    const lacking = this.firstUnder(token, (w) => hasDeletion(w, token));
    if (lacking !== undefined) return lacking;
    for (const d of deletions(token)) {
      // The token has an extra letter.
      if (this.words.has(d)) return d;
      // A letter changed or two swapped: both lose the same letter.
      const changed = this.firstUnder(d, (w) => swapped(token, w) && hasDeletion(w, d));
      if (changed !== undefined) return changed;
    }
    return undefined;
  }

  /** The first word indexed under the deletion's key that passes `test`. */
  private firstUnder(deletion: string, test: (word: string) => boolean): string | undefined {
    const under = this.byDeletion.get(keyOf(deletion));
    if (typeof under === "string") return test(under) ? under : undefined;
    return under?.find(test);
  }
}
