import type { IdentityGroup } from "../domain/index.js";
import { isAsciiUpper } from "./char-codes.js";
import { fold } from "./fold.js";

const key = (word: string) => fold(word).text.trim().replace(/\s+/g, " ");

/**
 * `key(word)` without folding for a plain ASCII word with no white space (every token the tokenizer makes,
 * most words the parser reads): folding ASCII is lower-casing, and there is no space to trim or collapse.
 */
function keyOf(word: string): string {
  let upper = false;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c <= 32 || c >= 127) return key(word);
    upper ||= isAsciiUpper(c);
  }
  return upper ? word.toLowerCase() : word;
}

/**
 * Resolves the plain words platforms send ("Gay", "LGBTQ+", "women") to group
 * ids, and answers whether an author's group and a slur's target are the same
 * community: equal, or one the umbrella of the other (gay ⊂ lgbtq). Siblings
 * under one umbrella (gay, lesbian) are not the same group.
 */
export class GroupIndex {
  private readonly byWord = new Map<string, string>();
  private readonly parents = new Map<string, string | undefined>();

  constructor(groups: readonly IdentityGroup[]) {
    for (const g of groups) {
      this.parents.set(g.id, g.parent);
      this.byWord.set(key(g.id), g.id);
      if (g.name) this.byWord.set(key(g.name), g.id);
    }
    for (const g of groups) for (const alias of g.aliases) this.byWord.set(key(alias), g.id);
  }

  has(id: string): boolean {
    return this.parents.has(id);
  }

  /** The one-word names and aliases, folded: words a glued spelling may hide ("blackfamilies"). */
  names(): string[] {
    return [...this.byWord.keys()].filter((w) => /^[a-z]+$/.test(w));
  }

  /** The group id a plain word names, if any. */
  resolve(word: string): string | undefined {
    return this.byWord.get(keyOf(word));
  }

  /** The group and every umbrella above it. */
  closure(id: string): string[] {
    const out: string[] = [];
    for (let g: string | undefined = id; g && !out.includes(g); g = this.parents.get(g)) out.push(g);
    return out;
  }

  /** Whether a member of `member` belongs to the community `target` names (or the reverse umbrella). */
  related(member: string, target: string): boolean {
    return this.closure(member).includes(target) || this.closure(target).includes(member);
  }

  /** Plain words to the group ids they name; unknown words are dropped. */
  resolveAll(words: readonly string[]): string[] {
    const ids = new Set<string>();
    for (const w of words) {
      const id = this.resolve(w);
      if (id) ids.add(id);
    }
    return [...ids];
  }

  /** Group ids with every umbrella above them. */
  withUmbrellas(ids: readonly string[]): string[] {
    if (ids.length === 0) return []; // most authors declare none: no Set to build
    return [...new Set(ids.flatMap((id) => this.closure(id)))];
  }
}
