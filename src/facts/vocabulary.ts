import { CATEGORY, CUE_CATEGORIES, type LexiconTerm } from "../domain/index.js";
import type { Token } from "./tokenize.js";

/** The words of a lexicon, by skeleton, as the repair needs them. */
export type Vocabulary = {
  /** Every word of every spelling, with its fullest spelling (so the matcher's doubled-letter check passes). */
  words: ReadonlyMap<string, string>;
  /**
   * Words of a term's headword. Typos are read only as these: variants are
   * already misspellings ("hore", "dego"), and one letter from those is two
   * from the word ("horus", "diego").
   */
  headwords: ReadonlySet<string>;
  /** Headword words as spelled, doubled letters and all: a glued word must hold one exactly ("yidd" is a variant). */
  spelled: ReadonlySet<string>;
  /**
   * Words a disguise may hide: one-word terms that are flagged content or a
   * group's name (see `revealing`). Masked letters prefer them ("c*nt" hides
   * "cunt", not "cant"), and a glued word is split only to reveal one
   * ("tinkerbell" is not "tinker bell").
   */
  marked: ReadonlySet<string>;
  /** One-word spellings of terms that name or slur a group: what a short or vowelless disguise may hide ("kk" for "kike"). */
  grouped: ReadonlySet<string>;
};

/**
 * A one-word term a disguised or glued spelling may reveal: flagged content
 * or a group's name, not another context cue, nor a slur with an innocent
 * sense (in a compound, "tinker" and "spade" have that sense).
 */
const revealing = (term: LexiconTerm) =>
  (term.category === CATEGORY.identity || !CUE_CATEGORIES.has(term.category)) &&
  !(term.homonym && term.category === CATEGORY.slur);

/** Collects the vocabulary while the matcher builds its trie, one word of one spelling at a time. */
export class VocabularyBuilder {
  private readonly words = new Map<string, string>();
  private readonly headwords = new Set<string>();
  private readonly spelled = new Set<string>();
  private readonly marked = new Set<string>();
  private readonly grouped = new Set<string>();

  /** Word `t` of `spelling` (one of `term`'s spellings, `length` words long). */
  add(term: LexiconTerm, spelling: string, t: Token, length: number): void {
    if ((this.words.get(t.skel)?.length ?? 0) < t.flat.length) this.words.set(t.skel, t.flat);
    // The term written without its spaces ("raghead" for "rag head") is its own spelling, not a misspelling.
    const glued = length === 1 && term.term.includes(" ") && spelling === term.term.replaceAll(" ", "");
    if (spelling === term.term || glued) {
      this.headwords.add(t.skel);
      this.spelled.add(t.flat);
    }
    if (length === 1 && revealing(term)) this.marked.add(t.skel);
    if (length === 1 && term.group) this.grouped.add(t.skel);
  }

  build(): Vocabulary {
    return {
      words: this.words,
      headwords: this.headwords,
      spelled: this.spelled,
      marked: this.marked,
      grouped: this.grouped,
    };
  }
}
