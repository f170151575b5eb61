/**
 * Words written without some of their vowels ("kk" → "kike", "spcs" →
 * "spics", "bnr" → "beaner"): a disguise that keeps a word's consonants in
 * order, which is how readers still recognise it. Indexed by consonant
 * skeleton (the first letter always kept), so a token costs one lookup.
 * Only group names and slurs are indexed (see Vocabulary.grouped): dropping
 * vowels turns plenty of words into abbreviations ("pls", "txt"), and only a
 * word that names a group is worth the guess; the repair offers it only for
 * tokens that are no English word, and a slur read this way whose use the
 * sentence cannot settle goes to judgment (see evasion.ts).
 */
const VOWELS = /[aeiouy]/g;
const IS_VOWEL = /^[aeiouy]/;
const MIN_LENGTH = 3;
/** Under a plural "-s" ("jws", "gks"), two letters are enough: the "-s" says a noun. */
const MIN_STEM = 2;

/** The first letter, then the other letters that are no vowel: "beaner" → "bnr". */
const consonants = (word: string) => (word[0] ?? "") + word.slice(1).replace(VOWELS, "");

/** Whether `short` is `long` with letters left out, in order. */
function within(short: string, long: string): boolean {
  let i = 0;
  for (let j = 0; j < long.length && i < short.length; j++) if (long[j] === short[i]) i++;
  return i === short.length;
}

export class VowelDropIndex {
  private readonly byConsonants = new Map<string, string[]>();

  constructor(words: Iterable<string>) {
    for (const w of words) {
      if (w.length === MIN_LENGTH) this.short.add(w);
      if (w.length < MIN_LENGTH) continue;
      const key = consonants(w);
      // A word that is all consonants already has nothing to drop.
      if (key === w) continue;
      const list = this.byConsonants.get(key);
      if (list) list.push(w);
      else this.byConsonants.set(key, [w]);
    }
  }

  /**
   * The indexed word that `token` is with vowels dropped (at least one), or a
   * short word with two letters after the first swapped ("fga", "gko"): the
   * one-edit typo index leaves words under four letters alone. The first
   * indexed wins a tie ("dke": "dyke", "dike" — both the same slur).
   */
  nearest(token: string, plural = false): string | undefined {
    if (token.length < (plural ? MIN_STEM : MIN_LENGTH)) return undefined;
    // Mostly consonants, as a word stripped of its vowels is ("ofa" is not "ofay" disguised).
    const vowels = token.length - consonants(token).length + (IS_VOWEL.test(token) ? 1 : 0);
    if (vowels * 3 > token.length) return token.length === 3 ? this.swapped(token) : undefined;
    const dropped = (this.byConsonants.get(consonants(token)) ?? []).find(
      (w) => w.length > token.length && w[0] === token[0] && within(token, w),
    );
    return dropped ?? (token.length === 3 ? this.swapped(token) : undefined);
  }

  private readonly short = new Set<string>();

  private swapped(token: string): string | undefined {
    const w = `${token[0]}${token[2]}${token[1]}`;
    return this.short.has(w) ? w : undefined;
  }
}
