import type { Engine } from "json-rules-engine";
import type { Norm, NormException, NormPack } from "../domain/index.js";
import { buildFactContext, type FactContext } from "../facts/fact-context.js";
import { makeRule, sharedEngine } from "./engine.js";
import { NormIndex, necessaryKeys } from "./norm-index.js";
import { RememberedRuns } from "./rule-memo.js";
import { factsUsed } from "./validate-conditions.js";

export type CompiledNorm = {
  norm: Norm;
  /** Engine holding the trigger rule alone. */
  trigger: Engine;
  /** The trigger engine's runs, remembered by the facts it reads (see rule-memo.ts). */
  triggerRuns: RememberedRuns;
  /** Engine holding one rule per exception with evidence; null when no exception has evidence. */
  evidence: Engine | null;
  evidenceRuns: RememberedRuns | null;
  /** Exceptions without evidence: candidates whenever the norm is engaged. */
  alwaysCandidates: NormException[];
};

/**
 * A norm set compiled once and reused by every evaluation: the fact context
 * (lexicon trie, groups, patterns), one engine per norm, and the index that
 * picks candidate norms. Immutable after construction, so concurrent
 * evaluations may share it.
 */
export type CompiledNormSet = {
  pack: NormPack;
  facts: FactContext;
  norms: CompiledNorm[];
  index: NormIndex<CompiledNorm>;
};

function compileNorm(norm: Norm): CompiledNorm {
  const withEvidence = norm.exceptions.filter((e) => e.evidence);
  const evidenceFacts = new Set<string>();
  for (const e of withEvidence) factsUsed(e.evidence as NonNullable<NormException["evidence"]>, evidenceFacts);
  const trigger = sharedEngine([makeRule(norm.id, norm.triggers, "engaged")]);
  const evidence =
    withEvidence.length > 0
      ? sharedEngine(
          withEvidence.map((e) => makeRule(e.id, e.evidence as NonNullable<NormException["evidence"]>, "evidence")),
        )
      : null;
  return {
    norm,
    trigger,
    triggerRuns: new RememberedRuns(trigger, [...factsUsed(norm.triggers)]),
    evidence,
    evidenceRuns: evidence ? new RememberedRuns(evidence, [...evidenceFacts]) : null,
    alwaysCandidates: norm.exceptions.filter((e) => !e.evidence),
  };
}

export function compileNormSet(pack: NormPack): CompiledNormSet {
  const norms = pack.norms.map(compileNorm);
  const index = new NormIndex<CompiledNorm>();
  for (const n of norms) index.add(n, necessaryKeys(n.norm.triggers));
  return { pack, facts: buildFactContext(pack), norms, index };
}
