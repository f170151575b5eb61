import { CATEGORY } from "../domain/index.js";
import { remembered } from "../lib/remembered.js";
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

/** What one written form of a word shows. */
type Spelling = { hasLetter: boolean; stretched: boolean; notPlain: boolean };
function spellingOf(written: string): Spelling {
  return { hasLetter: LETTER.test(written), stretched: STRETCHED.test(written), notPlain: NOT_PLAIN.test(written) };
}

/**
 * The spellings of one text's written forms, each read once. The last form is compared in place first: a text
 * that repeats a slur mostly writes it the same way each time, and then no string (nor its hash) is made.
 */
class Spellings {
  private readonly known = new Map<string, Spelling>();
  private last = "";
  private lastSpelling: Spelling | undefined;

  constructor(private readonly original: string) {}

  of(start: number, end: number): Spelling {
    const { original, last } = this;
    if (this.lastSpelling && end - start === last.length && original.startsWith(last, start)) return this.lastSpelling;
    this.last = original.slice(start, end);
    this.lastSpelling = remembered(this.known, this.last, spellingOf);
    return this.lastSpelling;
  }
}

/** The letters a folded span spells, runs squeezed: what the text itself says, before any repair. */
const lettersOf = (folded: string) => squeeze(folded.replace(/[^\p{L}]/gu, ""));

/** The skeletons of tokens first..last, joined: what the matcher read. */
function readAs(tokens: readonly Token[], first: number, last: number): string {
  let read = (tokens[first] as Token).skel;
  for (let k = first + 1; k <= last; k++) read += (tokens[k] as Token).skel;
  return read;
}

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
  // The regular expressions below are asked once per distinct written form, not once per match; the maps are
  // made at the first slur (most texts have none).
  let spellings: Spellings | undefined;
  let letters: Map<string, string> | undefined;
  for (const m of matches) {
    if (m.category !== CATEGORY.slur) continue;
    spellings ??= new Spellings(original);
    const [a, b] = toOriginal(m.start, m.end);
    const written = spellings.of(a, b);
    // An emoji read as its name is a picture, not a spelling (see emoji.ts).
    if (!written.hasLetter) continue;
    // A stretched word with an innocent sense may be only emphatic ("appple juice"): that is for judgment.
    const { stretched } = written;
    if ((written.notPlain && !m.term.includes(" ")) || (stretched && !m.homonym)) {
      disguised.add(m);
      continue;
    }
    // A repaired token reads as a lexicon spelling the text does not contain.
    letters ??= new Map();
    const spelt = remembered(letters, folded.slice(m.start, m.end), lettersOf);
    const glued = LETTER.test(folded[m.start - 1] ?? "") || LETTER.test(folded[m.end] ?? "");
    if (spelt !== readAs(tokens, m.first, m.last) || stretched || glued) misspelt.add(m);
  }
  return { disguised, misspelt };
}
