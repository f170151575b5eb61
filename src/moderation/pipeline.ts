import type { EvaluationRequest } from "../domain/index.js";
import type { ActiveNormSet } from "../norms/norm-set-cache.js";
import type { JudgmentDeps } from "../reasoner/judgment-deps.js";
import { evaluate } from "../rules/evaluate.js";
import { applyEscalation } from "./escalation.js";
import { type JudgedEvaluation, judge } from "./judge.js";

/**
 * The evaluation pipeline, steps 2–5 of DESIGN.md: facts and rules, then the
 * reasoner for norms whose exceptions need judgment, then the community's
 * escalation policy. No I/O but the model call: `moderate()` records what it
 * returns, and `mores eval` scores it, so both always judge alike.
 */
export async function runPipeline(
  deps: JudgmentDeps,
  set: ActiveNormSet,
  request: EvaluationRequest,
): Promise<JudgedEvaluation> {
  return applyEscalation(await judge(deps, set, request, await evaluate(set.compiled, request)), set.settings);
}
