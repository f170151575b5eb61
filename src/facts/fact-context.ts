import type { NormPack } from "../domain/index.js";
import { sha256 } from "../lib/hash.js";
import { GroupIndex } from "./groups.js";
import { LexiconMatcher } from "./lexicon-matcher.js";
import { PatternSet } from "./pattern-set.js";

/** Everything facts need from a pack, built once per norm-set version and shared by every evaluation. */
export type FactContext = {
  matcher: LexiconMatcher;
  groups: GroupIndex;
  patterns: PatternSet;
};

/** How many distinct lexicon/group/pattern sets one process keeps built (least recently used evicted first). */
const MAX_SHARED = 16;
const shared = new Map<string, FactContext>();

/**
 * Built once per distinct content and shared: communities that start from the same pack (most of them) and a
 * community's successive norm-set versions that change only norms share one matcher. Building it (tokenising
 * thousands of terms, compiling patterns) is most of a cold compile; hashing the content costs a few
 * milliseconds. A FactContext never changes its answers once built (its matcher's memo only remembers answers
 * that are functions of a spelling), so sharing is safe.
 */
export function buildFactContext(pack: Pick<NormPack, "lexicons" | "groups" | "patterns">): FactContext {
  const key = sha256(JSON.stringify([pack.lexicons, pack.groups, pack.patterns]));
  const hit = shared.get(key);
  if (hit) {
    shared.delete(key);
    shared.set(key, hit);
    return hit;
  }
  const built = newFactContext(pack);
  shared.set(key, built);
  if (shared.size > MAX_SHARED) shared.delete(shared.keys().next().value as string);
  return built;
}

/** A fact context of its own, shared with no one (its matcher's per-spelling memo starts empty). */
export function newFactContext(pack: Pick<NormPack, "lexicons" | "groups" | "patterns">): FactContext {
  const groups = new GroupIndex(pack.groups);
  return {
    matcher: new LexiconMatcher(
      pack.lexicons.flatMap((l) => l.terms),
      groups.names(),
      (word) => groups.resolve(word),
    ),
    groups,
    patterns: new PatternSet(pack.patterns),
  };
}
