import { type EvaluationRequest, MoresError, type NormResult } from "../domain/index.js";
import type { ActiveNormSet } from "../norms/norm-set-cache.js";
import { JudgmentCache } from "../reasoner/judgment-cache.js";
import type { JudgmentDeps } from "../reasoner/judgment-deps.js";
import { buildPrompt } from "../reasoner/prompt.js";
import { evaluate } from "../rules/evaluate.js";
import { inputFor, settlePending } from "./settle-pending.js";

/**
 * For norm editors: one piece of content against one norm, with the
 * configured model, returning the whole trace — facts, rule result, the prompt
 * and the model's answer — and recording nothing. The cache is bypassed, so
 * the model is really asked.
 */
export async function dryRun(deps: JudgmentDeps, set: ActiveNormSet, normId: string, request: EvaluationRequest) {
  const norm = set.pack.norms.find((n) => n.id === normId);
  if (!norm) throw new MoresError("norm_not_found", `no norm "${normId}" in norm set ${set.version}`);
  const evaluation = await evaluate(set.compiled, request);
  const rule = evaluation.norms.find((r) => r.norm === normId);
  const base = {
    norm: normId,
    version: set.normVersions.get(normId) ?? 0,
    facts: evaluation.facts,
    evidence: evaluation.evidence,
  };
  if (!rule) return { ...base, rule: { outcome: "not_engaged" as const }, outcome: "not_engaged" as const };
  const only = { ...evaluation, norms: [rule], pending: rule.outcome === "needs_judgment" ? [normId] : [] };
  const judged = await settlePending({ ...deps, cache: new JudgmentCache(0) }, set, request, only);
  const final = judged.norms[0] as NormResult;
  return {
    ...base,
    rule: { outcome: rule.outcome, candidates: rule.candidates ?? [], trace: rule.trace },
    outcome: final.outcome === "needs_judgment" ? ("needs_review" as const) : final.outcome,
    ...(final.exception ? { exception: final.exception } : {}),
    ...(judged.causes[normId] ? { cause: judged.causes[normId] } : {}),
    ...(judged.judgments[normId] ? { judgment: judged.judgments[normId] } : {}),
    ...(rule.outcome === "needs_judgment"
      ? { prompt: buildPrompt(inputFor(rule, set, request), "DELIMITER-CHOSEN-PER-REQUEST") }
      : {}),
  };
}
