import type { LexiconTerm } from "../domain/index.js";
import { fold } from "./fold.js";
import { SUFFIXES, suffixCut } from "./inflection.js";
import { LexicalRepair } from "./repair.js";
import { runLengths, type Token, tokenize } from "./tokenize.js";
import { VocabularyBuilder } from "./vocabulary.js";

/** One lexicon term found in the text, with its span in the folded text. */
export type LexiconMatch = {
  lexicon: string;
  term: string;
  category: string;
  group?: string;
  homonym: boolean;
  /** Token indices [first, last] of the match. */
  first: number;
  last: number;
  start: number;
  end: number;
  sentence: number;
  quoted: boolean;
};

/** `plain`: no letter of the term is doubled, so any spelling of its words covers its runs. */
type Entry = { term: LexiconTerm; runs: number[][]; plain: boolean };
/** Leaves (most nodes, in a large lexicon) carry no map: it keeps a 100,000-term trie small for the GC. */
type Node = { next: Map<string, Node> | null; entries: Entry[] };

const newNode = (): Node => ({ next: null, entries: [] });

/** A term's doubled letters must be there in the text: "nigger" matches "niiigger" but not "Niger". */
function runsCover(text: readonly number[], term: readonly number[]): boolean {
  if (text.length < term.length) return false;
  for (let i = 0; i < term.length; i++) if ((text[i] as number) < (term[i] as number)) return false;
  return true;
}

/**
 * Word-level trie over token skeletons. Matching costs one map lookup per
 * token (plus one per extra word of multi-word terms), whatever the number of
 * terms: the property the lexicon benchmark checks.
 */
export class LexiconMatcher {
  private readonly root = newNode();
  private readonly repairer: LexicalRepair;
  readonly size: number;

  constructor(terms: readonly LexiconTerm[]) {
    let size = 0;
    const vocabulary = new VocabularyBuilder();
    for (const term of terms) {
      for (const spelling of [term.term, ...term.variants]) {
        const tokens = tokenize(fold(spelling).text);
        if (tokens.length === 0) continue;
        let node = this.root;
        for (const t of tokens) {
          vocabulary.add(term, spelling, t, tokens.length);
          node.next ??= new Map();
          let child = node.next.get(t.skel);
          if (!child) {
            child = newNode();
            node.next.set(t.skel, child);
          }
          node = child;
        }
        const runs = tokens.map((t) => runLengths(t.flat));
        node.entries.push({ term, runs, plain: runs.every((r) => r.every((n) => n === 1)) });
        size++;
      }
    }
    this.size = size;
    this.repairer = new LexicalRepair(vocabulary.build());
  }

  /** The tokens with evasive spellings of lexicon words read as those words (see LexicalRepair); match these. */
  prepare(tokens: Token[], isName?: (t: Token) => boolean): Token[] {
    return this.repairer.repair(tokens, isName);
  }

  match(tokens: readonly Token[]): LexiconMatch[] {
    const out: LexiconMatch[] = [];
    for (let i = 0; i < tokens.length; i++) {
      // Matches are found in order of their first token: duplicates can only be among this token's.
      const from = out.length;
      let next = this.root.next;
      for (let j = i; next && j < tokens.length; j++) {
        const token = tokens[j] as Token;
        const exact = next.get(token.skel);
        if (exact && exact.entries.length > 0) this.collect(exact, tokens, i, j, 0, out);
        for (const cut of SUFFIXES) {
          if (!suffixCut(token.skel, cut)) continue;
          const inflected = next.get(token.skel.slice(0, -cut));
          if (inflected && inflected.entries.length > 0) this.collect(inflected, tokens, i, j, cut, out);
        }
        next = exact?.next ?? null;
      }
      if (out.length - from > 1) dedupeFrom(out, from);
    }
    return out;
  }

  /** Adds the node's terms whose doubled letters the text has; `cut` letters of the last token are an inflection. */
  private collect(node: Node, tokens: readonly Token[], i: number, j: number, cut: number, out: LexiconMatch[]): void {
    // Words written without a doubled letter (most) have one-letter runs as long as the term's: only the
    // term's own doubled letters can be missing, and no run lengths need counting.
    let plain = true;
    for (let k = i; k <= j && plain; k++) plain = (tokens[k] as Token).flat.length === (tokens[k] as Token).skel.length;
    if (plain) {
      for (const entry of node.entries) if (entry.plain) out.push(this.toMatch(entry.term, tokens, i, j));
      return;
    }
    const textRuns: number[][] = [];
    for (let k = i; k <= j; k++) {
      const runs = runLengths((tokens[k] as Token).flat);
      textRuns.push(k === j && cut > 0 ? runs.slice(0, squeezedLength(tokens[k] as Token, cut)) : runs);
    }
    for (const entry of node.entries) {
      if (entry.runs.every((r, k) => runsCover(textRuns[k] as number[], r)))
        out.push(this.toMatch(entry.term, tokens, i, j));
    }
  }

  private toMatch(term: LexiconTerm, tokens: readonly Token[], i: number, j: number): LexiconMatch {
    const first = tokens[i] as Token;
    const last = tokens[j] as Token;
    return {
      lexicon: term.lexicon,
      term: term.term,
      category: term.category,
      group: term.group,
      homonym: term.homonym,
      first: i,
      last: j,
      start: first.start,
      end: last.end,
      sentence: first.sentence,
      quoted: first.quoted && last.quoted,
    };
  }
}

/** Runs left in a token's skeleton once an inflection of `cut` squeezed letters is removed. */
const squeezedLength = (token: Token, cut: number) => token.skel.length - cut;

const same = (a: LexiconMatch, b: LexiconMatch) =>
  a.last === b.last && a.term === b.term && a.lexicon === b.lexicon && a.category === b.category;

/**
 * A term reached through two spellings (or two suffix readings) is one match: drops, from `out[from..]` (the
 * matches of one first token, a handful), every match that repeats an earlier one, keeping the order. Compared
 * in place rather than through string keys: a 64 KiB text can hold tens of thousands of matches.
 */
function dedupeFrom(out: LexiconMatch[], from: number): void {
  let kept = from;
  for (let k = from; k < out.length; k++) {
    const m = out[k] as LexiconMatch;
    let seen = false;
    for (let e = from; e < kept && !seen; e++) seen = same(out[e] as LexiconMatch, m);
    if (!seen) out[kept++] = m;
  }
  out.length = kept;
}
