import type { NormPack } from "../domain/index.js";
import { GroupIndex } from "./groups.js";
import { LexiconMatcher } from "./lexicon-matcher.js";
import { PatternSet } from "./pattern-set.js";

/** Everything facts need from a pack, built once per norm-set version and shared by every evaluation. */
export type FactContext = {
  matcher: LexiconMatcher;
  groups: GroupIndex;
  patterns: PatternSet;
};

export function buildFactContext(pack: Pick<NormPack, "lexicons" | "groups" | "patterns">): FactContext {
  return {
    matcher: new LexiconMatcher(pack.lexicons.flatMap((l) => l.terms)),
    groups: new GroupIndex(pack.groups),
    patterns: new PatternSet(pack.patterns),
  };
}
