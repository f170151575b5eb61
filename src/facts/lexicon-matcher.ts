import { CATEGORY, type LexiconTerm } from "../domain/index.js";
import { rememberDistinct, TermKeys, TermStamps } from "./distinct-terms.js";
import { fold } from "./fold.js";
import { SUFFIXES, suffixCut } from "./inflection.js";
import { LexicalRepair, type Prepared, type Spelling } from "./repair.js";
import { runLengths, runsCover, type Token, tokenize } from "./tokenize.js";
import { VocabularyBuilder } from "./vocabulary.js";

/** One lexicon term found in the text, with its span in the folded text. */
export type LexiconMatch = {
  lexicon: string;
  term: string;
  category: string;
  group?: string;
  homonym: boolean;
  innocentPos?: "verb" | "adjective";
  /** Token indices [first, last] of the match. */
  first: number;
  last: number;
  start: number;
  end: number;
  sentence: number;
  quoted: boolean;
};

/** `doubled`: some word of the spelling has a doubled letter, so the text's letter runs must be checked. */
/** `key`: the term's number among the matcher's distinct terms (see TermStamps). */
type Entry = { term: LexiconTerm; runs: number[][]; doubled: boolean; key: number };
/**
 * Leaves (most nodes, in a large lexicon) carry no map: it keeps a 100,000-term trie small for the GC.
 * `phrasal`: on a first word, the two-word phrasal verbs it begins that may be split by their object.
 */
type Node = { next: Map<string, Edge> | null; entries: Entry[]; phrasal: Phrasal[] | null };
/**
 * Where one word of text leads from a node: the child it spells, and the children with entries of which it
 * is an inflection (`SUFFIXES`: "-s", and "-es" after a sibilant). Resolved when the trie is built, so each
 * word of text costs one map lookup, not one per reading.
 */
type Edge = { exact: Node | null; s: Node | null; es: Node | null };

const NO_RUNS: number[][] = [];
const newNode = (): Node => ({ next: null, entries: [], phrasal: null });
const newEdge = (): Edge => ({ exact: null, s: null, es: null });

/**
 * Word-level trie over token skeletons. Matching costs one map lookup per
 * token (plus one per extra word of multi-word terms), whatever the number of
 * terms: the property the lexicon benchmark checks.
 */
/** Particles of phrasal verbs, as skeletons ("off" squeezes to "of"), which move after the verb's object. */
const PARTICLES = new Set(["down", "out", "up", "back", "of", "away"]);
/** Categories whose phrasal verbs are also read split around an object ("put the disabled down"). */
const SPLITTABLE = new Set<string>([CATEGORY.violence, CATEGORY.exclusion]);
/** Words an object may take between a phrasal verb and its particle ("send all those people back"). */
const MAX_OBJECT_WORDS = 3;

type Phrasal = { term: LexiconTerm; particle: string; key: number };

/** Tokens ready for `match`, with what is remembered of each one's spelling (see LexicalRepair). */
export type PreparedTokens = Prepared<Edge>;

export class LexiconMatcher {
  private readonly root = newNode();
  private readonly repairer: LexicalRepair<Edge>;
  private readonly stamps: TermStamps<LexiconMatch>;
  readonly size: number;

  /**
   * `groupNames`: one-word names of the pack's groups, which a glued word may hide (see LexicalRepair).
   * `groupOf`: the group a plain word names, if any (GroupIndex#resolve), asked once per distinct spelling.
   */
  constructor(
    terms: readonly LexiconTerm[],
    groupNames: readonly string[] = [],
    private readonly groupOf: (word: string) => string | undefined = () => undefined,
  ) {
    let size = 0;
    const vocabulary = new VocabularyBuilder();
    const keys = new TermKeys();
    for (const term of terms) {
      const key = keys.of(term);
      for (const spelling of [term.term, ...term.variants]) {
        const tokens = tokenize(fold(spelling).text);
        if (tokens.length === 0) continue;
        let node = this.root;
        for (const t of tokens) {
          vocabulary.add(term, spelling, t, tokens.length);
          node = child(node, t.skel);
        }
        const runs = tokens.map((t) => runLengths(t.flat));
        const doubled = runs.some((r) => r.some((n) => n > 1));
        // Runs are read only for a spelling with doubled letters: the others (most terms) share one empty list.
        node.entries.push({ term, runs: doubled ? runs : NO_RUNS, doubled, key });
        const [verb, particle] = tokens;
        if (tokens.length === 2 && verb && particle && PARTICLES.has(particle.skel) && SPLITTABLE.has(term.category)) {
          const first = child(this.root, verb.skel);
          first.phrasal ??= [];
          first.phrasal.push({ term, particle: particle.skel, key });
        }
        size++;
      }
    }
    inflect(this.root);
    this.size = size;
    this.stamps = new TermStamps(keys.count);
    this.repairer = new LexicalRepair(vocabulary.build(), groupNames);
  }

  /** The tokens with evasive spellings of lexicon words read as those words (see LexicalRepair); match these. */
  prepare(tokens: Token[], isName?: (t: Token) => boolean): PreparedTokens {
    return this.repairer.repair(tokens, isName);
  }

  /** Whether a word of the text (not an @handle) names one of the pack's groups. */
  namesGroup({ tokens, spellings }: PreparedTokens): boolean {
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i] as Token;
      if (t.mention) continue;
      const spelling = spellings[i];
      if (!spelling) {
        if (this.groupOf(t.flat) !== undefined) return true;
        continue;
      }
      spelling.namesGroup ??= this.groupOf(t.flat) !== undefined;
      if (spelling.namesGroup) return true;
    }
    return false;
  }

  match({ tokens, spellings }: PreparedTokens): LexiconMatch[] {
    const out: LexiconMatch[] = [];
    this.stamps.start();
    for (let i = 0; i < tokens.length; i++) {
      let next = this.root.next;
      let start: Edge | undefined;
      for (let j = i; next && j < tokens.length; j++) {
        const token = tokens[j] as Token;
        // An @handle is a name ("@noor" is not "nor"): it starts or continues no term.
        if (token.mention) break;
        const edge = j === i ? this.firstEdge(next, token, spellings[i]) : next.get(token.skel);
        if (j === i) start = edge;
        if (!edge) break;
        const exact = edge.exact;
        if (exact && exact.entries.length > 0) this.collect(exact, tokens, i, j, 0, out);
        if (edge.s) this.collect(edge.s, tokens, i, j, 1, out);
        if (edge.es) this.collect(edge.es, tokens, i, j, 2, out);
        next = exact?.next ?? null;
      }
      // A phrasal verb may also start at an @handle, which the loop above does not look up.
      const first = tokens[i] as Token;
      const phrasal = (first.mention ? this.root.next?.get(first.skel) : start)?.exact?.phrasal;
      if (phrasal) this.splitPhrasal(phrasal, tokens, i, out);
    }
    rememberDistinct(out, this.stamps.firsts);
    return out;
  }

  /** The root's edge for a token's skeleton, remembered with its spelling when it has one. */
  private firstEdge(root: Map<string, Edge>, token: Token, spelling: Spelling<Edge> | undefined): Edge | undefined {
    if (!spelling) return root.get(token.skel);
    if (spelling.edge === undefined) spelling.edge = root.get(token.skel) ?? null;
    return spelling.edge ?? undefined;
  }

  /**
   * "put the disabled down", "send them all back": a phrasal verb whose object stands between the verb and
   * its particle, one to three words, in one sentence. Matched on the verb alone, so the object keeps its own
   * place after it, as in "kill the X".
   */
  private splitPhrasal(entries: readonly Phrasal[], tokens: readonly Token[], i: number, out: LexiconMatch[]): void {
    const sentence = (tokens[i] as Token).sentence;
    for (let j = i + 2; j <= i + 1 + MAX_OBJECT_WORDS && j < tokens.length; j++) {
      const token = tokens[j] as Token;
      if (token.sentence !== sentence) return;
      for (const e of entries)
        if (e.particle === token.skel && !found(out, e.term, i, i)) this.add(out, e, tokens, i, i);
    }
  }

  /** Adds the node's terms whose doubled letters the text has; `cut` letters of the last token are an inflection. */
  private collect(node: Node, tokens: readonly Token[], i: number, j: number, cut: number, out: LexiconMatch[]): void {
    // A spelling without doubled letters is covered by any text whose tokens have as many letter runs as
    // the skeletons the trie matched: counting them allocates nothing. Only spellings with doubled letters
    // need the text's runs (most terms have none, and most hits are such cue words).
    let enoughRuns: boolean | null = null;
    for (const entry of node.entries) {
      if (entry.doubled) {
        if (!runsCoverAll(tokens, i, j, cut, entry.runs)) continue;
      } else {
        enoughRuns ??= runCountsCover(tokens, i, j, cut);
        if (!enoughRuns) continue;
      }
      if (!found(out, entry.term, i, j)) this.add(out, entry, tokens, i, j);
    }
  }

  /** Adds the match of `found` on tokens i..j; the first of its term also joins the distinct ones. */
  private add(out: LexiconMatch[], found: Entry | Phrasal, tokens: readonly Token[], i: number, j: number): void {
    const m = this.toMatch(found.term, tokens, i, j);
    out.push(m);
    this.stamps.saw(found.key, m);
  }

  /** One object literal, not a spread of the optional innocentPos: a 64 KiB text can have tens of thousands of matches. */
  private toMatch(term: LexiconTerm, tokens: readonly Token[], i: number, j: number): LexiconMatch {
    const first = tokens[i] as Token;
    const last = tokens[j] as Token;
    const { lexicon, category, group, homonym, innocentPos } = term;
    const { start, sentence } = first;
    const { end } = last;
    const quoted = first.quoted && last.quoted;
    // innocentPos is always there, undefined for most terms: one shape for every match, so the code that
    // reads tens of thousands of them is not deoptimised when a text brings the other one.
    return {
      lexicon,
      term: term.term,
      category,
      group,
      homonym,
      innocentPos,
      first: i,
      last: j,
      start,
      end,
      sentence,
      quoted,
    };
  }
}

/** The child of `node` for a word's skeleton, made if it is not there. */
function child(node: Node, skel: string): Node {
  node.next ??= new Map();
  let edge = node.next.get(skel);
  if (!edge) {
    edge = newEdge();
    node.next.set(skel, edge);
  }
  edge.exact ??= newNode();
  return edge.exact;
}

/**
 * Adds, under every node, the inflected spellings of its children that have entries: a word `w` with
 * `suffixCut(w, cut)` reads as the child `w` less `cut` letters, exactly as a lookup of that shorter word
 * would find it (inflection.ts).
 */
function inflect(node: Node): void {
  if (!node.next) return;
  for (const [skel, edge] of [...node.next]) {
    const exact = edge.exact;
    if (!exact) continue;
    inflect(exact);
    if (exact.entries.length === 0) continue;
    for (const cut of SUFFIXES) {
      const inflected = `${skel}${cut === 1 ? "s" : "es"}`;
      if (!suffixCut(inflected, cut)) continue;
      let at = node.next.get(inflected);
      if (!at) {
        at = newEdge();
        node.next.set(inflected, at);
      }
      if (cut === 1) at.s = exact;
      else at.es = exact;
    }
  }
}

/** Runs left in a token's skeleton once an inflection of `cut` squeezed letters is removed. */
const squeezedLength = (token: Token, cut: number) => token.skel.length - cut;

/** Whether each of tokens i..j has at least as many letter runs as its skeleton (less `cut` for the last) has letters. */
function runCountsCover(tokens: readonly Token[], i: number, j: number, cut: number): boolean {
  for (let k = i; k <= j; k++) {
    const t = tokens[k] as Token;
    const needed = k === j ? squeezedLength(t, cut) : t.skel.length;
    let count = 0;
    for (let c = 0; c < t.flat.length && count < needed; c++)
      if (c === 0 || t.flat.charCodeAt(c) !== t.flat.charCodeAt(c - 1)) count++;
    if (count < needed) return false;
  }
  return true;
}

/**
 * A term's doubled letters must be there in the text: "nigger" matches "niiigger" but not "Niger". Checked for
 * each of tokens i..j against the term's words; `cut` letters of the last token are an inflection, left out.
 */
function runsCoverAll(tokens: readonly Token[], i: number, j: number, cut: number, runs: readonly number[][]): boolean {
  for (let k = i; k <= j; k++) {
    const token = tokens[k] as Token;
    const limit = k === j && cut > 0 ? squeezedLength(token, cut) : Number.POSITIVE_INFINITY;
    if (!runsCover(token.flat, runs[k - i] as number[], limit)) return false;
  }
  return true;
}

/**
 * A term reached through two spellings (or two suffix readings) is one match. Matches of one token span
 * [i, j] are pushed one after another, so only the tail of `out` can hold the same one.
 */
function found(out: readonly LexiconMatch[], term: LexiconTerm, i: number, j: number): boolean {
  for (let k = out.length - 1; k >= 0; k--) {
    const m = out[k] as LexiconMatch;
    if (m.first !== i || m.last !== j) return false;
    if (m.lexicon === term.lexicon && m.term === term.term && m.category === term.category) return true;
  }
  return false;
}
