import type { IdentityGroup } from "../domain/index.js";
import { fold } from "./fold.js";

/** Words remembered by `resolve` at most; a group id is never empty, so "" marks a word that names none. */
const MEMO_SIZE = 20_000;
const NONE = "";

const key = (word: string) => fold(word).text.trim().replace(/\s+/g, " ");

/**
 * Resolves the plain words platforms send ("Gay", "LGBTQ+", "women") to group
 * ids, and answers whether an author's group and a slur's target are the same
 * community: equal, or one the umbrella of the other (gay ⊂ lgbtq). Siblings
 * under one umbrella (gay, lesbian) are not the same group.
 */
export class GroupIndex {
  private readonly byWord = new Map<string, string>();
  private readonly parents = new Map<string, string | undefined>();
  /** Words already resolved (NONE: to no group). Bounded, and cleared when full, so memory stays flat. */
  private readonly resolved = new Map<string, string>();

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

  /** The group id a plain word names, if any. */
  resolve(word: string): string | undefined {
    // Asked for every token of a text: the same few words again and again, each otherwise folded anew.
    const known = this.resolved.get(word);
    if (known !== undefined) return known === NONE ? undefined : known;
    const id = this.byWord.get(key(word));
    if (this.resolved.size >= MEMO_SIZE) this.resolved.clear();
    this.resolved.set(word, id ?? NONE);
    return id;
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
    return [...new Set(ids.flatMap((id) => this.closure(id)))];
  }
}
