import type { Word } from "./nlp.js";

/** A lexicon match as the sentence layer sees it: its category, placed on the parsed words. */
export type Unit = {
  /** Position of the match in the matcher's list. */
  index: number;
  term: string;
  category: string;
  group?: string;
  homonym: boolean;
  /** A homonym whose innocent senses are all verbs or adjectives: as a noun it names people. */
  innocentPos?: "verb" | "adjective";
  quoted: boolean;
  /** Word indices within the sentence, inclusive. */
  first: number;
  last: number;
};

/** A match with its span in the original text (the parser reads the original, so case survives). */
export type SpannedMatch = Omit<Unit, "first" | "last"> & { span: [number, number] };

export type ParsedSentence = { words: Word[]; units: Unit[] };

/**
 * Places each match on the words of the sentence it starts in. A match that
 * covers part of a word ("can't" parsed as "ca" + "n't") covers the word.
 */
export function placeMatches(sentences: Word[][], matches: readonly SpannedMatch[]): ParsedSentence[] {
  const out: ParsedSentence[] = sentences.map((words) => ({ words, units: [] }));
  for (const m of matches) {
    const [s, e] = m.span;
    const sentence = out[sentenceAt(sentences, s)];
    if (!sentence) continue;
    const { words } = sentence;
    let first = -1;
    let last = -1;
    for (let i = 0; i < words.length; i++) {
      const w = words[i] as Word;
      if (w.end <= s || w.start >= e) continue;
      if (first < 0) first = i;
      last = i;
    }
    if (first >= 0) sentence.units.push(unitOf(m, first, last));
  }
  for (const s of out) s.units.sort((a, b) => a.first - b.first);
  return out;
}

/** The first sentence that ends after `offset`, or -1. */
function sentenceAt(sentences: Word[][], offset: number): number {
  for (let k = 0; k < sentences.length; k++) {
    const w = sentences[k] as Word[];
    if (w.length > 0 && (w[w.length - 1] as Word).end > offset) return k;
  }
  return -1;
}

/**
 * The match without its span, placed on words i..j: written out field by field (the same keys, in the same
 * order, as `{ ...rest, first, last }`), because object rest and spread were a tenth of this layer's time.
 */
function unitOf(m: SpannedMatch, first: number, last: number): Unit {
  const unit = plainUnit(m, first, last);
  // Rare (a few homonym slurs), so added after rather than written into both shapes below.
  if (m.innocentPos !== undefined) unit.innocentPos = m.innocentPos;
  return unit;
}

function plainUnit(m: SpannedMatch, first: number, last: number): Unit {
  return m.group === undefined && !("group" in m)
    ? { index: m.index, term: m.term, category: m.category, homonym: m.homonym, quoted: m.quoted, first, last }
    : {
        index: m.index,
        term: m.term,
        category: m.category,
        group: m.group,
        homonym: m.homonym,
        quoted: m.quoted,
        first,
        last,
      };
}

/** Units of a sentence in a word range, by category. */
export const unitsIn = (units: readonly Unit[], from: number, to: number, categories: ReadonlySet<string>) =>
  units.filter((u) => u.first >= from && u.last <= to && categories.has(u.category));

export const inside = (i: number, spans: readonly [number, number][]) => spans.some(([a, b]) => i >= a && i <= b);
