import { CATEGORY, CUE_CATEGORIES } from "../domain/index.js";
import type { GroupIndex } from "./groups.js";
import type { LexiconMatch } from "./lexicon-matcher.js";

/** Past this many values a list gets a Set beside it: a 64 KiB text can hold thousands of distinct terms. */
const SCAN_LIMIT = 16;

/**
 * Strings in the order first added, each once. A message has about two distinct terms, so a short list
 * scanned beats a Set (eight Sets and their copies into arrays were a tenth of what an evaluation allocated);
 * the list is the fact's value as it stands, with no copy.
 */
export class Distinct {
  readonly list: string[] = [];
  private set: Set<string> | null = null;

  has(value: string): boolean {
    return this.set ? this.set.has(value) : this.list.includes(value);
  }

  /** Adds a value not there yet; false when it was. */
  add(value: string): boolean {
    if (this.has(value)) return false;
    this.list.push(value);
    if (this.set) this.set.add(value);
    else if (this.list.length > SCAN_LIMIT) this.set = new Set(this.list);
    return true;
  }
}

/** What the facts list of a text's lexicon matches, each value once, in order of first match. */
export type MatchSummary = {
  lexicons: Distinct;
  categories: Distinct;
  terms: Distinct;
  /** Terms that are not context cues. */
  flagged: Distinct;
  /** Groups slurred, with their umbrellas. */
  targets: Distinct;
  /** Groups named by identity terms, with their umbrellas. */
  mentioned: Distinct;
  /** Groups slurred, without umbrellas. */
  slurGroups: Distinct;
};

export function summariseMatches(matches: readonly LexiconMatch[], groups: GroupIndex): MatchSummary {
  const summary: MatchSummary = {
    lexicons: new Distinct(),
    categories: new Distinct(),
    terms: new Distinct(),
    flagged: new Distinct(),
    targets: new Distinct(),
    mentioned: new Distinct(),
    slurGroups: new Distinct(),
  };
  // A group's umbrellas are looked up once, however often the text names it.
  const identityGroups = new Distinct();
  for (const m of matches) {
    summary.lexicons.add(m.lexicon);
    summary.categories.add(m.category);
    summary.terms.add(m.term);
    if (!CUE_CATEGORIES.has(m.category)) summary.flagged.add(m.term);
    if (!m.group) continue;
    if (m.category === CATEGORY.slur) {
      if (summary.slurGroups.add(m.group)) for (const g of groups.closure(m.group)) summary.targets.add(g);
    } else if (m.category === CATEGORY.identity && identityGroups.add(m.group)) {
      for (const g of groups.closure(m.group)) summary.mentioned.add(g);
    }
  }
  return summary;
}
