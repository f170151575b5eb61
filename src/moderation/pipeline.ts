import type { EvaluationRequest } from "../domain/index.js";
import type { ActiveNormSet } from "../norms/norm-set-cache.js";
import type { JudgmentDeps } from "../reasoner/judgment-deps.js";
import { type Evaluation, evaluate } from "../rules/evaluate.js";
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
  return judgeStage(deps, set, request, await ruleStage(set, request));
}

/** Facts and rules, then the community's routing policy: what is settled before a model is asked. */
export async function ruleStage(set: ActiveNormSet, request: EvaluationRequest): Promise<Evaluation> {
  return applyRouting(set.compiled, set.settings, await evaluate(set.compiled, request));
}

/** The reasoner for what the rules left open, then the community's escalation policy. */
export async function judgeStage(
  deps: JudgmentDeps,
  set: ActiveNormSet,
  request: EvaluationRequest,
  routed: Evaluation,
): Promise<JudgedEvaluation> {
  return applyEscalation(await settlePending(deps, set, request, routed), set.settings);
}

/** Whether judgment would ask the model anything: the only case worth answering before it ends. */
export const asksModel = (deps: JudgmentDeps, routed: Evaluation): boolean =>
  routed.pending.length > 0 && deps.reasoner.provider !== "none";
