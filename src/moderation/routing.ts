import type { CommunitySettings, NormResult } from "../domain/index.js";
import { combineOutcomes } from "../rules/combine-outcomes.js";
import type { CompiledNormSet } from "../rules/compile.js";
import type { Evaluation } from "../rules/evaluate.js";
import { factsUsed } from "../rules/validate-conditions.js";

/** The facts whose exceptions a community's routing settings re-route. */
const UNSETTLED = "group_hostility_unsettled";
const RECLAIMED = "reclaimed_self_reference";

function readsFact(set: CompiledNormSet, norm: string, exception: string, fact: string): boolean {
  const e = set.pack.norms.find((n) => n.id === norm)?.exceptions.find((x) => x.id === exception);
  return e?.evidence !== undefined && factsUsed(e.evidence).has(fact);
}

function route(set: CompiledNormSet, settings: CommunitySettings, r: NormResult): NormResult {
  const { routing } = settings;
  if (routing.unsettled_group_hostility === "allow" && r.outcome === "needs_judgment") {
    // Every open question is "is the hostility about the group at all?": the community lets it through.
    const candidates = r.candidates ?? [];
    const first = candidates[0];
    if (first && candidates.every((c) => readsFact(set, r.norm, c.exception, UNSETTLED))) {
      const { candidates: _c, ...rest } = r;
      return { ...rest, outcome: "excepted", exception: first.exception };
    }
  }
  if (routing.reclamation === "judge" && r.outcome === "excepted" && r.exception) {
    if (readsFact(set, r.norm, r.exception, RECLAIMED)) {
      const description = set.pack.norms
        .find((n) => n.id === r.norm)
        ?.exceptions.find((x) => x.id === r.exception)?.description;
      const { exception, ...rest } = r;
      return { ...rest, outcome: "needs_judgment", candidates: [{ exception, description: description ?? exception }] };
    }
  }
  return r;
}

/**
 * The community's routing policy, applied to the rules' outcomes before any
 * judgment: unsettled group hostility judged (default) or allowed; declared
 * reclamation excepted by rules (default) or judged. The policy names facts,
 * not exception ids, so it follows any pack whose exceptions read them.
 */
export function applyRouting(set: CompiledNormSet, settings: CommunitySettings, evaluation: Evaluation): Evaluation {
  const { routing } = settings;
  if (routing.unsettled_group_hostility === "judge" && routing.reclamation === "rules") return evaluation;
  const norms = evaluation.norms.map((r) => route(set, settings, r));
  if (norms.every((r, i) => r === evaluation.norms[i])) return evaluation;
  return { ...evaluation, ...combineOutcomes(norms), norms };
}
