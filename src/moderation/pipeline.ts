import type { EvaluationRequest } from "../domain/index.js";
import type { Evidence } from "../facts/compute.js";
import { readLanguage } from "../facts/language.js";
import { inSpan } from "../lib/tracing.js";
import type { ActiveNormSet } from "../norms/norm-set-cache.js";
import type { JudgmentDeps } from "../reasoner/judgment-deps.js";
import { type Evaluation, evaluate } from "../rules/evaluate.js";
import { applyEscalation } from "./escalation.js";
import { applyLanguagePolicy, type LanguageVerdict, readableLanguages } from "./language-policy.js";
import { applyRouting } from "./routing.js";
import { type JudgedEvaluation, settlePending } from "./settle-pending.js";

export type PipelineResult = JudgedEvaluation & LanguageVerdict;

/**
 * The evaluation pipeline, steps 2–5 of DESIGN.md: facts and rules, the
 * community's routing policy, then the reasoner for norms whose exceptions
 * need judgment, then the community's escalation and language policies. No I/O but the model call: `moderate()` records what it
 * returns, and `mores eval` scores it, so both always judge alike.
 */
export async function runPipeline(
  deps: JudgmentDeps,
  set: ActiveNormSet,
  request: EvaluationRequest,
): Promise<PipelineResult> {
  return judgeStage(deps, set, request, await ruleStage(set, request));
}

/** Facts and rules, then the community's routing policy: what is settled before a model is asked. */
export async function ruleStage(set: ActiveNormSet, request: EvaluationRequest): Promise<Evaluation> {
  return applyRouting(set.compiled, set.settings, await evaluate(set.compiled, request));
}

/** The reasoner for what the rules left open, then the community's escalation and language policies. */
export async function judgeStage(
  deps: JudgmentDeps,
  set: ActiveNormSet,
  request: EvaluationRequest,
  routed: Evaluation,
): Promise<PipelineResult> {
  // A span only when judgment has work: most requests never reach a model.
  const judged =
    routed.pending.length === 0
      ? settlePending(deps, set, request, routed)
      : inSpan("mores.judgment", { "mores.judgment.pending": routed.pending.length }, async (span) => {
          const after = await settlePending(deps, set, request, routed);
          span.setAttributes({ "mores.decision": after.decision, "mores.judgment.unresolved": after.pending.length });
          return after;
        });
  return applyPolicies(await judged, set, request);
}

/**
 * The community's policies on a judged evaluation, last: escalation holds
 * severe removals; the language policy keeps text the norms cannot read from
 * a silent allow. Replays and shadows apply the same, so they compare alike.
 */
export async function applyPolicies(
  judged: JudgedEvaluation,
  set: ActiveNormSet,
  request: EvaluationRequest,
): Promise<PipelineResult> {
  const reading = await readLanguage(request.content.text, exactLexiconHits(judged.evidence));
  const readable = readableLanguages(set.pack, set.settings);
  return applyLanguagePolicy(applyEscalation(judged, set.settings), set.settings, readable, reading);
}

/**
 * The words the pack's (English) lexicons matched as written: evidence of English for the language reading. A
 * fuzzy match ("dummes" read as "dummy") is not: it is what a foreign text looks like to them.
 */
export function exactLexiconHits(evidence: readonly Evidence[]): Set<string> {
  const hits = new Set<string>();
  for (const e of evidence) {
    const seen = e.excerpt?.toLowerCase();
    if (seen !== undefined && seen === e.term.toLowerCase()) hits.add(seen);
  }
  return hits;
}

/** Whether judgment would ask the model anything: the only case worth answering before it ends. */
export const asksModel = (deps: JudgmentDeps, routed: Evaluation): boolean =>
  routed.pending.length > 0 && deps.reasoner.provider !== "none";
