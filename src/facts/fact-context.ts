import type { NormPack } from "../domain/index.js";
import { GroupIndex } from "./groups.js";
import { LexiconMatcher } from "./lexicon-matcher.js";

/** Everything facts need from a pack, built once per norm-set version and shared by every evaluation. */
export type FactContext = {
  matcher: LexiconMatcher;
  groups: GroupIndex;
  patterns: ReadonlyArray<{ id: string; regex: RegExp }>;
};

export function buildFactContext(pack: Pick<NormPack, "lexicons" | "groups" | "patterns">): FactContext {
  return {
    matcher: new LexiconMatcher(pack.lexicons.flatMap((l) => l.terms)),
    groups: new GroupIndex(pack.groups),
    // Patterns are tested, never searched globally: no `g` flag, so no shared lastIndex state between evaluations.
    patterns: pack.patterns.map((p) => ({ id: p.id, regex: new RegExp(p.regex, p.flags ?? "u") })),
  };
}
