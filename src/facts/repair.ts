import { stemOf } from "./derived.js";
import { isEnglishWord } from "./english-words.js";
import { inflectedBase } from "./inflection.js";
import { isMasked, MaskIndex } from "./masked.js";
import { isChunk, type Joinable, rejoin } from "./rejoin.js";
import { segment } from "./segment.js";
import { runLengths, runsCover, squeeze, type Token } from "./tokenize.js";
import { TypoIndex } from "./typo-index.js";
import type { Vocabulary } from "./vocabulary.js";
import { VowelDropIndex } from "./vowel-drop.js";
import { WordPrefixes } from "./word-prefixes.js";

const LETTERS = /^[a-z]+$/;
const CACHE_SIZE = 50_000;
const MIN_GLUED_GROUP_WORD = 5;
/** Short words' plurals sit one edit from too many names ("offas" from "ofays"). */
const MIN_PLURAL_TYPO_BASE = 5;

/** What a spelling reads as, apart from where it stands: lexicon words, and for a split each piece's offsets. */
type Reading = {
  /** Typo, derived form or split: not trusted on a Capitalised word (a name). */
  fuzzy: boolean;
  parts: Array<{ skel: string; flat: string; from?: number; to?: number }>;
};

/**
 * What one spelling (a token's letters, `flat`) is, remembered once per distinct spelling: its reading, whether
 * it is a short non-word that may be a chunk of a broken word, and two slots filled the first time they are
 * asked for: the matcher's trie edge for its skeleton (`Edge`) and whether it names a group. One map lookup a
 * word then answers all of them, where a lookup in each of three large tables missed the CPU's caches (in mixed
 * traffic those probes were most of the matcher's and the repair's time). `undefined`: not asked yet.
 */
export type Spelling<Edge> = {
  reading: Reading | null;
  chunk: boolean;
  edge: Edge | null | undefined;
  namesGroup: boolean | undefined;
};

/** Tokens ready to match, each with its spelling's record; a repaired piece (a new spelling) has none. */
export type Prepared<Edge> = { tokens: Token[]; spellings: ReadonlyArray<Spelling<Edge> | undefined> };

/**
 * Reads evasive spellings of lexicon words as the words they disguise, before
 * the matcher sees the tokens: masked letters, derived forms, one-letter typos
 * and glued words. Only tokens that miss the lexicons exactly and are not
 * English words are touched, so ordinary text costs two set lookups a token,
 * and the fuzzy paths never see the words they could turn into false matches.
 * A repaired token keeps its span in the text, so evidence shows what was written.
 */
export class LexicalRepair<Edge> {
  private readonly words: ReadonlyMap<string, string>;
  private readonly headwords: ReadonlySet<string>;
  private readonly marked: ReadonlySet<string>;
  private readonly spelled: ReadonlySet<string>;
  private readonly grouped: ReadonlySet<string>;
  private typos: TypoIndex | null = null;
  private vowelless: VowelDropIndex | null = null;
  private masks: MaskIndex | null = null;
  private readonly cache = new Map<string, Spelling<Edge>>();

  private readonly groupNames: ReadonlySet<string>;

  constructor(vocabulary: Vocabulary, groupNames: readonly string[] = []) {
    this.groupNames = new Set(groupNames.map(squeeze));
    this.words = vocabulary.words;
    this.headwords = vocabulary.headwords;
    this.marked = vocabulary.marked;
    this.spelled = vocabulary.spelled;
    this.grouped = vocabulary.grouped;
  }

  private readonly has = (skel: string) => this.words.has(skel);

  /** Chunks join only into a word a disguise may hide, spelled with its doubled letters. */
  private readonly joinable: Joinable = {
    // Bare or plural ("bea ners"): a word broken by spaces keeps its inflection.
    // A slur with innocent senses too: spaces inside a word hide it on purpose, and the parser still reads its sense.
    reveals: (skel, flat) =>
      (this.isMarked(flat) || this.isGrouped(flat)) && (this.exact(flat, skel) || this.isSpelled(flat)),
    begins: (letters) => {
      this.prefixes ??= new WordPrefixes(
        [...this.marked, ...this.grouped].flatMap((skel) => {
          const word = this.words.get(skel) ?? skel;
          return [skel, word, `${skel}s`, `${word}s`];
        }),
      );
      return this.prefixes.begins(letters);
    },
    english: isEnglishWord,
  };
  private prefixes: WordPrefixes | null = null;

  /** A skeleton the matcher already finds, bare or with a plural "-s"/"-es". */
  private known(skel: string): boolean {
    return this.base(skel) !== undefined;
  }

  /** The lexicon word a skeleton is, bare or under a plural "-s"/"-es". */
  private base(skel: string): string | undefined {
    return inflectedBase(skel, this.has);
  }

  /** Found as written: a lexicon word (or its plural) with all its doubled letters ("niggor", not "nigor" or "nigerr"). */
  private exact(flat: string, skel: string): boolean {
    const base = this.base(skel);
    return base !== undefined && runsCover(flat, runLengths(this.words.get(base) as string));
  }

  private isGroupedPlural(piece: string): boolean {
    const skel = squeeze(piece);
    return skel.endsWith("s") && this.grouped.has(skel.slice(0, -1));
  }

  /** A headword as written, bare or plural ("spaz" though a variant doubles its last letter). */
  private isSpelled(flat: string): boolean {
    return this.spelled.has(flat) || (flat.endsWith("s") && this.spelled.has(flat.slice(0, -1)));
  }

  private isGrouped(piece: string): boolean {
    const skel = squeeze(piece);
    return this.grouped.has(skel) || this.isGroupedPlural(piece);
  }

  private isMarked(piece: string): boolean {
    const skel = squeeze(piece);
    return this.marked.has(skel) || (skel.endsWith("s") && this.marked.has(skel.slice(0, -1)));
  }

  /** `isName` says which tokens were written as names: those get only the masked-letter reading. */
  repair(written: Token[], isName: (t: Token) => boolean = () => false): Prepared<Edge> {
    const first = this.readAll(written, isName);
    if (!first.chunks) return first;
    // A short non-word may be a chunk of a word broken by spaces: rejoin (rare), then read again.
    const joined = rejoin(written, this.joinable, first.chunks);
    return joined === written ? first : this.readAll(joined, isName);
  }

  /** `chunks`: where the short non-words are (null when there is none), the only places a rejoin can start from. */
  private readAll(tokens: Token[], isName: (t: Token) => boolean): Prepared<Edge> & { chunks: number[] | null } {
    let out: Token[] | null = null;
    const spellings: Array<Spelling<Edge> | undefined> = [];
    let chunks: number[] | null = null;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i] as Token;
      // An @handle is a name: it gets no reading and starts no term, so it needs no record.
      const entry = t.mention ? undefined : this.entry(t.flat, t.skel);
      if (entry?.chunk) {
        chunks ??= [];
        chunks.push(i);
      }
      const reading = entry?.reading;
      const read = reading && !(reading.fuzzy && isName(t)) ? place(t, reading.parts) : null;
      if (read) out ??= tokens.slice(0, i);
      if (out) out.push(...(read ?? [t]));
      if (read) for (let k = 0; k < read.length; k++) spellings.push(undefined);
      else spellings.push(entry);
    }
    return { tokens: out ?? tokens, spellings, chunks };
  }

  /**
   * How a spelling reads, remembered: most tokens are the same few thousand
   * words, and a remembered answer (mostly "as written") is one lookup.
   * Bounded, and cleared when full, so memory stays flat under any traffic.
   */
  private entry(flat: string, skel: string): Spelling<Edge> {
    let e = this.cache.get(flat);
    if (e === undefined) {
      const reading = this.read(flat, skel);
      const chunk = isChunk(flat) && !isEnglishWord(flat);
      e = { reading, chunk, edge: undefined, namesGroup: undefined };
      if (this.cache.size >= CACHE_SIZE) this.cache.clear();
      this.cache.set(flat, e);
    }
    return e;
  }

  private read(flat: string, skel: string): Reading | null {
    if (this.exact(flat, skel)) return null;
    if (isMasked(flat)) {
      this.masks ??= new MaskIndex([...this.words].flat(), (w) => this.marked.has(squeeze(w)));
      const word = this.masks.unmask(flat);
      if (word) return this.as(squeeze(word), false);
      const plural = flat.endsWith("s") ? this.masks.unmask(flat.slice(0, -1)) : undefined;
      return plural ? this.as(squeeze(plural), false, "s") : null;
    }
    if (!LETTERS.test(flat) || isEnglishWord(flat) || (stretched(flat) && isEnglishWord(skel))) return null;
    // A doubled letter written single or moved ("nigor" for "niggor", "nigerr"): one edit.
    const base = this.base(skel);
    if (base !== undefined) return this.as(base, true, skel.slice(base.length));
    const stem = stemOf(skel, this.has);
    if (stem) return this.as(stem);
    // Plurals of longer group words too: "lesbiansz" is one letter from "lesbians", two from "lesbian".
    this.typos ??= new TypoIndex([
      ...this.headwords,
      ...[...this.grouped].filter((w) => w.length >= MIN_PLURAL_TYPO_BASE).map((w) => `${w}s`),
    ]);
    const typo = this.typos.nearest(skel);
    if (typo) return this.has(typo) ? this.as(typo) : this.as(typo.slice(0, -1), true, "s");
    if (skel.length > 4 && skel.endsWith("s")) {
      const plural = this.typos.nearest(skel.slice(0, -1));
      if (plural) return this.as(plural, true, "s");
    }
    // Vowels left out ("kk", "spcs"): only group names and slurs are read so.
    this.vowelless ??= new VowelDropIndex(this.grouped);
    const vowelless = this.vowelless.nearest(skel);
    if (vowelless) return this.as(vowelless);
    if (skel.length > 2 && skel.endsWith("s")) {
      const plural = this.vowelless.nearest(skel.slice(0, -1), true);
      if (plural) return this.as(plural, true, "s");
    }
    return this.split(flat);
  }

  /** Read as lexicon word `skel` (plus an inflection the matcher strips again), spelled in full for its doubled letters. */
  private as(skel: string, fuzzy = true, suffix = ""): Reading {
    return { fuzzy, parts: [{ skel: skel + suffix, flat: (this.words.get(skel) ?? skel) + suffix }] };
  }

  private split(flat: string): Reading | null {
    const spans = segment(flat, {
      lexicon: (piece) => this.known(squeeze(piece)),
      headword: (piece) => this.spelled.has(piece) || (piece.endsWith("s") && this.spelled.has(piece.slice(0, -1))),
      // A glued plural of a group name or slur is revealed too, innocent senses and all ("noqueersallowed"):
      // the plural says people, where a singular is often a compound's ("tinkerbell"); judgment then decides.
      // A group's own name glued to a word names the group ("blackfamilies"), innocent senses and all.
      marked: (piece) =>
        this.isMarked(piece) ||
        (piece.length >= MIN_GLUED_GROUP_WORD && (this.isGroupedPlural(piece) || this.groupNames.has(squeeze(piece)))),
      english: isEnglishWord,
    });
    if (!spans) return null;
    return {
      // "Ihate": the capital is the pronoun's, not a name's.
      fuzzy: !(spans[0]?.[1] === 1 && flat[0] === "i"),
      parts: spans.map(([from, to]) => {
        const piece = flat.slice(from, to);
        return { skel: squeeze(piece), flat: piece, from, to };
      }),
    };
  }
}

/** The reading laid over the token: pieces of a split get their own spans when the token was written letter for letter. */
function place(t: Token, parts: Reading["parts"]): Token[] {
  const exact = t.end - t.start === t.flat.length;
  return parts.map(({ skel, flat, from, to }) => ({
    ...t,
    skel,
    flat,
    ...(exact && from !== undefined && to !== undefined ? { start: t.start + from, end: t.start + to } : {}),
  }));
}

/** A letter written three times or more ("sooo"): stretched for emphasis, so the word is read without the runs. */
const stretched = (flat: string) => /(.)\1\1/.test(flat);
