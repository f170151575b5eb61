import type { EvaluationRequest, JudgmentCause, JudgmentOutput, NormResult } from "../domain/index.js";
import { modelAddressSignals } from "../facts/model-address.js";
import type { ActiveNormSet } from "../norms/norm-set-cache.js";
import type { Evaluation } from "../rules/evaluate.js";
import { exceptionSupport } from "./exception-support.js";

export type Distrust = { cause: JudgmentCause; detail: string };

/** Every text of the request the model reads inside its data block, so every one is checked for text aimed at it. */
const textsShownToModel = (request: EvaluationRequest) => [
  request.content.text,
  request.context?.parent?.text ?? "",
  request.author?.role ?? "",
];

/**
 * Why a model's "exception applies" cannot be taken as an allow, or nothing
 * when it can. Two independent walls: text aimed at a model (directive
 * phrases from the pack's lexicon, or language-independent machine shapes in
 * any text the model read), and the rules' own evidence, which must support
 * the exception for the very words that engaged the norm (exception-support.ts).
 * The second holds even when the first misses a phrasing: an obedient model
 * can only pick among exceptions the facts already make true.
 */
export function distrust(
  output: JudgmentOutput,
  r: NormResult,
  set: ActiveNormSet,
  request: EvaluationRequest,
  evaluation: Evaluation,
): Distrust | undefined {
  if (output.verdict !== "exception_applies") return undefined;
  const signals = [...new Set(textsShownToModel(request).flatMap(modelAddressSignals))];
  if (evaluation.facts.addresses_model || signals.length > 0) {
    const seen = signals.length > 0 ? signals.join(", ") : "phrases that instruct a moderator";
    return { cause: "injection_suspected", detail: `text aimed at a model: ${seen}` };
  }
  const { groups } = set.compiled.facts;
  const support = exceptionSupport(r, output.exception as string, request.content.text, {
    evidence: evaluation.evidence,
    evidenceOmitted: evaluation.evidence_omitted,
    groups,
    declared: groups.resolveAll(request.author?.groups ?? []),
  });
  return support.ok ? undefined : { cause: "exception_unsupported", detail: support.detail };
}
