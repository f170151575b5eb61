import type { EvaluationRequest } from "../domain/index.js";
import type { ActiveNormSet } from "../norms/norm-set-cache.js";
import type { JudgmentDeps } from "../reasoner/judgment-deps.js";
import { evaluate } from "../rules/evaluate.js";
import { applyEscalation } from "./escalation.js";
import { applyRouting } from "./routing.js";
import { type JudgedEvaluation, settlePending } from "./settle-pending.js";

/**
 * The evaluation pipeline, steps 2–5 of DESIGN.md: facts and rules, the
 * community's routing policy, then the reasoner for norms whose exceptions
 * need judgment, then the community's escalation policy. No I/O but the model call: `moderate()` records what it
 * returns, and `mores eval` scores it, so both always judge alike.
 */
export async function runPipeline(
  deps: JudgmentDeps,
  set: ActiveNormSet,
  request: EvaluationRequest,
): Promise<JudgedEvaluation> {
  // The community's routing policy settles what rules left open before a model is asked.
  const routed = applyRouting(set.compiled, set.settings, await evaluate(set.compiled, request));
  return applyEscalation(await settlePending(deps, set, request, routed), set.settings);
}
