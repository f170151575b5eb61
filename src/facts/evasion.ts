import { CATEGORY } from "../domain/index.js";
import type { LexiconMatch } from "./lexicon-matcher.js";
import { squeeze, type Token } from "./tokenize.js";

/** How a slur was written, where the spelling itself says something about its use. */
export type Evasion = {
  /** Hidden on purpose — masked, leetspeak, look-alike letters, spread out or stretched ("f*ggot", "c.o.o.n"). */
  disguised: ReadonlySet<LexiconMatch>;
  /**
   * Read through a typo, or glued to other words ("noqueersallowed"): the reading is a guess, and the
   * parser cannot see into a glued word, so its use is for judgment.
   */
  misspelt: ReadonlySet<LexiconMatch>;
};

/** Inside a one-word term, anything but a plain letter or apostrophe is a disguise: digits, symbols, separators, other scripts. */
const NOT_PLAIN = /[^a-z'’]/i;
/** A letter written three times or more: stretched for emphasis or to slip past a filter. */
const STRETCHED = /(\p{L})\1\1/u;
const LETTER = /\p{L}/u;
/** Most texts have no slur: they share one empty set instead of allocating two per text read. */
const NONE: ReadonlySet<LexiconMatch> = new Set();

/**
 * Which slur matches were written to evade a filter. Someone who disguises a
 * word knows it for a slur, so the sentence layer's innocent readings ("X and
 * mash", "the X bread") do not apply to it; a typo may still be innocent, so a
 * typo'd slur read innocently is left to judgment (see compute.ts).
 */
export function evasionsOf(
  original: string,
  folded: string,
  tokens: readonly Token[],
  matches: readonly LexiconMatch[],
  toOriginal: (start: number, end: number) => [number, number],
): Evasion {
  if (!matches.some((m) => m.category === CATEGORY.slur)) return { disguised: NONE, misspelt: NONE };
  const disguised = new Set<LexiconMatch>();
  const misspelt = new Set<LexiconMatch>();
  for (const m of matches) {
    if (m.category !== CATEGORY.slur) continue;
    const [a, b] = toOriginal(m.start, m.end);
    const written = original.slice(a, b);
    // An emoji read as its name is a picture, not a spelling (see emoji.ts).
    if (!LETTER.test(written)) continue;
    // A stretched word with an innocent sense may be only emphatic ("appple juice"): that is for judgment.
    const stretched = STRETCHED.test(written);
    if ((!m.term.includes(" ") && NOT_PLAIN.test(written)) || (stretched && !m.homonym)) {
      disguised.add(m);
      continue;
    }
    // A repaired token reads as a lexicon spelling the text does not contain.
    const read = tokens
      .slice(m.first, m.last + 1)
      .map((t) => t.skel)
      .join("");
    const letters = squeeze(folded.slice(m.start, m.end).replace(/[^\p{L}]/gu, ""));
    const glued = LETTER.test(folded[m.start - 1] ?? "") || LETTER.test(folded[m.end] ?? "");
    if (letters !== read || stretched || glued) misspelt.add(m);
  }
  return { disguised, misspelt };
}
