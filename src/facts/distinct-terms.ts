import type { LexiconTerm } from "../domain/index.js";
import { remembered } from "../lib/remembered.js";

/** What tells one term from another: a lexicon match is one (typed here, not imported: the matcher imports this). */
type Termed = Pick<LexiconTerm, "lexicon" | "term" | "category" | "group">;

/** Below this many matches the filter would cost more than it saves: ordinary texts have a handful. */
const WORTH_FILTERING = 64;

/**
 * The matches that differ in lexicon, term, category or group: the first of each, in text order. Where a
 * reader asks only which terms a text holds (never where, nor how often), this is the same answer from
 * fewer matches: a 64 KiB text can hit the same two or three terms tens of thousands of times ("👩‍👩‍👧 …",
 * "f.a.g f.a.g …"), and each set lookup per match was a good part of its evaluation.
 */
export function distinctTerms<M extends Termed>(matches: readonly M[]): readonly M[] {
  return matches.length < WORTH_FILTERING ? matches : (remembered(filtered, matches, firstOfEach) as readonly M[]);
}

/** Records `distinct` as the distinct terms of `matches`, gathered as they were made (see TermStamps). */
export function rememberDistinct<M extends Termed>(matches: readonly M[], distinct: readonly M[]): void {
  if (matches.length >= WORTH_FILTERING) filtered.set(matches, distinct);
}

/**
 * Remembered per array of matches, which is never changed once matched: the gate of the sentence layer and
 * the facts both ask, and neither sees the other's copy.
 */
const filtered = new WeakMap<readonly Termed[], readonly Termed[]>();

function firstOfEach(matches: readonly Termed[]): readonly Termed[] {
  const byTerm = new Map<string, Termed[]>();
  const out: Termed[] = [];
  let previous: Termed | undefined;
  for (const m of matches) {
    // The term of the match before (a slur written ten thousand times in a row) is known without a lookup.
    if (previous && sameTerm(previous, m)) continue;
    previous = m;
    const seen = byTerm.get(m.term);
    if (!seen) byTerm.set(m.term, [m]);
    else if (seen.some((s) => sameTerm(s, m))) continue;
    else seen.push(m);
    out.push(m);
  }
  return out;
}

const sameTerm = (a: Termed, b: Termed) =>
  a.term === b.term && a.lexicon === b.lexicon && a.category === b.category && a.group === b.group;

/** A number per distinct lexicon, term, category and group (what `sameTerm` compares), given as terms are loaded. */
export class TermKeys {
  private readonly keys = new Map<string, number>();

  of({ lexicon, term, category, group }: LexiconTerm): number {
    // NUL separates the fields, and an absent group is not the empty one.
    const key = `${lexicon}\0${term}\0${category}\0${group === undefined ? "\u0001" : `=${group}`}`;
    return remembered(this.keys, key, () => this.keys.size);
  }

  get count(): number {
    return this.keys.size;
  }
}

/**
 * The first match of each term, gathered while one text is matched: a stamp per term number says whether the
 * text has met it yet. A long text then gets its distinct terms for one typed-array read per match, and no
 * second walk. `start` begins a text (the stamps of the ones before are stale, not cleared).
 */
export class TermStamps<M extends Termed> {
  private readonly stamps: Uint32Array;
  private text = 0;
  firsts: M[] = [];

  constructor(count: number) {
    this.stamps = new Uint32Array(count);
  }

  start(): void {
    if (this.text === 0xffffffff) {
      this.stamps.fill(0);
      this.text = 0;
    }
    this.text++;
    this.firsts = [];
  }

  saw(key: number, m: M): void {
    if (this.stamps[key] === this.text) return;
    this.stamps[key] = this.text;
    this.firsts.push(m);
  }
}
