import { stemOf } from "./derived.js";
import { isEnglishWord } from "./english-words.js";
import { isMasked, MaskIndex } from "./masked.js";
import { segment } from "./segment.js";
import { squeeze, type Token } from "./tokenize.js";
import { TypoIndex } from "./typo-index.js";

const LETTERS = /^[a-z]+$/;

/**
 * Reads evasive spellings of lexicon words as the words they disguise, before
 * the matcher sees the tokens: masked letters, derived forms, one-letter typos
 * and glued words. Only tokens that miss the lexicons exactly and are not
 * English words are touched, so ordinary text costs two set lookups a token,
 * and the fuzzy paths never see the words they could turn into false matches.
 * A repaired token keeps its span in the text, so evidence shows what was written.
 */
export class LexicalRepair {
  /** Lexicon word skeletons, with the fullest spelling of each (so the matcher's doubled-letter check passes). */
  private readonly words: ReadonlyMap<string, string>;
  private typos: TypoIndex | null = null;
  private masks: MaskIndex | null = null;

  /**
   * Typos are read only as the words of a term's headword: its variants are
   * already misspellings ("hore", "dego"), and one letter from those is two
   * from the word ("horus", "diego").
   */
  private readonly headwords: ReadonlySet<string>;

  constructor(words: ReadonlyMap<string, string>, headwords: ReadonlySet<string>) {
    this.words = words;
    this.headwords = headwords;
  }

  private readonly has = (skel: string) => this.words.has(skel);

  /** A skeleton the matcher already finds, bare or with a plural "-s"/"-es". */
  private known(skel: string): boolean {
    if (this.words.has(skel)) return true;
    return this.inflected(skel);
  }

  private inflected(skel: string): boolean {
    if (skel.length > 2 && skel.endsWith("s") && this.words.has(skel.slice(0, -1))) return true;
    return skel.length > 4 && skel.endsWith("es") && this.words.has(skel.slice(0, -2));
  }

  /** Found as written: a lexicon word with all its doubled letters ("niggor", not "nigor"), or an inflection of one. */
  private exact(t: Token): boolean {
    const word = this.words.get(t.skel);
    return word === undefined ? this.inflected(t.skel) : t.flat.length >= word.length;
  }

  /** `isName` says which tokens were written as names: those get only the masked-letter reading. */
  repair(tokens: Token[], isName: (t: Token) => boolean = () => false): Token[] {
    let out: Token[] | null = null;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i] as Token;
      const read = t.mention || this.exact(t) ? null : this.read(t, isName);
      if (read) out ??= tokens.slice(0, i);
      if (out) out.push(...(read ?? [t]));
    }
    return out ?? tokens;
  }

  private read(t: Token, isName: (t: Token) => boolean): Token[] | null {
    if (isMasked(t.flat)) {
      this.masks ??= new MaskIndex([...this.words.keys(), ...this.words.values()]);
      const word = this.masks.unmask(t.flat);
      return word ? [this.as(t, squeeze(word))] : null;
    }
    if (!LETTERS.test(t.flat) || isEnglishWord(t.flat) || isEnglishWord(t.skel) || isName(t)) return null;
    // A doubled letter written single ("nigor" for "niggor") is a one-letter deletion.
    if (this.words.has(t.skel)) return [this.as(t, t.skel)];
    const stem = stemOf(t.skel, this.has);
    if (stem) return [this.as(t, stem)];
    this.typos ??= new TypoIndex(this.headwords);
    const typo = this.typos.nearest(t.skel);
    if (typo) return [this.as(t, typo)];
    if (t.skel.length > 4 && t.skel.endsWith("s")) {
      const plural = this.typos.nearest(t.skel.slice(0, -1));
      if (plural) return [this.as(t, plural, "s")];
    }
    return this.split(t);
  }

  /** The token read as lexicon word `skel` (plus an inflection the matcher strips again). */
  private as(t: Token, skel: string, suffix = ""): Token {
    return { ...t, skel: skel + suffix, flat: (this.words.get(skel) ?? skel) + suffix };
  }

  private split(t: Token): Token[] | null {
    const spans = segment(t.flat, {
      lexicon: (piece) => this.known(squeeze(piece)),
      english: isEnglishWord,
    });
    if (!spans) return null;
    // Offsets map back onto the text only when the token was written letter for letter.
    const exact = t.end - t.start === t.flat.length;
    return spans.map(([s, e]) => {
      const flat = t.flat.slice(s, e);
      return { ...t, flat, skel: squeeze(flat), ...(exact ? { start: t.start + s, end: t.start + e } : {}) };
    });
  }
}
