import {
  type ConditionTrace,
  type EvaluationRequest,
  factSpec,
  type JudgmentCause,
  type JudgmentRecord,
  type NormResult,
} from "../domain/index.js";
import { canonicalJson, sha256 } from "../lib/hash.js";
import type { ActiveNormSet } from "../norms/norm-set-cache.js";
import type { JudgmentDeps } from "../reasoner/judgment-deps.js";
import { type JudgmentInput, PROMPT_VERSION } from "../reasoner/port.js";
import { combineOutcomes } from "../rules/combine-outcomes.js";
import type { Evaluation } from "../rules/evaluate.js";
import { distrust } from "./trust-answer.js";

/** An evaluation after judgment: outcomes the model settled, and why the rest still need a person. */
export type JudgedEvaluation = Evaluation & {
  judgments: Record<string, JudgmentRecord>;
  causes: Record<string, string>;
};

const CAUSE_TEXT: Record<JudgmentCause, string> = {
  no_reasoner: "no reasoner is configured: a moderator reviews it",
  timeout: "the reasoner did not answer in time: a moderator reviews it",
  rate_limited: "the reasoner's provider was rate-limited: a moderator reviews it",
  provider_error: "the reasoner's provider failed: a moderator reviews it",
  invalid_output: "the reasoner's answer was not valid: a moderator reviews it",
  unclear: "the reasoner found the case unclear: a moderator reviews it",
  low_confidence: "the reasoner's confidence was below the community's threshold: a moderator reviews it",
  injection_suspected:
    "the content addresses the moderator or model, so a model answer that would allow it is not trusted: a moderator reviews it",
  exception_unsupported:
    "the model's exception is not supported by the rules' own evidence for the flagged words, or the content addresses someone: a moderator reviews it",
  budget_exhausted: "the request's reasoning budget ran out: a moderator reviews it",
  not_recorded:
    "replayed without a model: no judgment was recorded for this norm's text, so a model or a moderator would decide",
};

/** The rule evidence behind an exception, in words: the facts that held in its evidence conditions. */
function evidenceInWords(trace: ConditionTrace | undefined): string[] {
  if (!trace) return [];
  if ("all" in trace) return trace.all.flatMap(evidenceInWords);
  if ("any" in trace) return trace.any.flatMap(evidenceInWords);
  if ("not" in trace) return [];
  if (trace.result !== true) return [];
  const spec = factSpec(trace.fact);
  const value = typeof trace.fact_value === "boolean" ? "" : ` (${JSON.stringify(trace.fact_value)})`;
  return [`${spec?.description ?? trace.fact}${value}`];
}

export function inputFor(r: NormResult, set: ActiveNormSet, request: EvaluationRequest): JudgmentInput {
  const norm = set.pack.norms.find((n) => n.id === r.norm);
  if (!norm) throw new Error(`norm ${r.norm} is not in norm set ${set.version}`);
  return {
    norm,
    candidates: (r.candidates ?? []).map((c) => ({
      id: c.exception,
      description: c.description,
      evidence: evidenceInWords(r.trace.exceptions.find((e) => e.id === c.exception)?.evidence),
    })),
    content: request.content.text,
    // Only group ids the pack knows reach the prompt outside the data block: free text
    // in author.groups could otherwise speak to the model as if it were the instructions.
    ...(request.author
      ? {
          author: {
            ...(request.author.groups ? { groups: set.compiled.facts.groups.resolveAll(request.author.groups) } : {}),
            ...(request.author.role ? { role: request.author.role } : {}),
          },
        }
      : {}),
    ...(request.context?.parent ? { parent: request.context.parent.text } : {}),
    precedents: [],
  };
}

/**
 * Asks the reasoner about every norm whose outcome rules could not settle and
 * that could change the decision. A model failure, an unclear or unconfident
 * answer, or an "exception applies" the rules do not support or for content
 * aimed at the model (trust-answer.ts) leaves the norm needing a person —
 * never a silent allow or removal.
 */
export async function settlePending(
  deps: JudgmentDeps,
  set: ActiveNormSet,
  request: EvaluationRequest,
  evaluation: Evaluation,
): Promise<JudgedEvaluation> {
  const judgments: Record<string, JudgmentRecord> = {};
  const causes: Record<string, string> = {};
  // Most requests: nothing needs judgment, so no budget, no promise per norm (the same result, sooner).
  if (!evaluation.norms.some((r) => r.outcome === "needs_judgment")) {
    const norms = [...evaluation.norms];
    return { ...evaluation, ...combineOutcomes(norms), norms, judgments, causes };
  }
  const pending = new Set(evaluation.pending);
  const budget = lazyBudget(deps.budgetMs);
  const { reasoner } = deps;

  const norms = await Promise.all(
    evaluation.norms.map(async (r): Promise<NormResult> => {
      if (r.outcome !== "needs_judgment") return r;
      if (!pending.has(r.norm)) {
        causes[r.norm] = "not judged: the decision does not depend on it";
        return r;
      }
      const input = inputFor(r, set, request);
      // Precedents are only worth a query when a model will read them.
      input.precedents =
        deps.precedents && reasoner.provider !== "none"
          ? await deps.precedents({
              community: set.community,
              normId: r.norm,
              exceptions: input.candidates.map((c) => c.id),
              terms: evaluation.facts.terms,
              facts: evaluation.facts as unknown as Record<string, unknown>,
            })
          : [];
      const key = sha256(
        canonicalJson({
          content: input.content,
          norm: `${r.norm}@${set.normVersions.get(r.norm)}`,
          context: { author: input.author, parent: input.parent },
          precedents: input.precedents.map((p) => p.id),
          provider: reasoner.provider,
          model: reasoner.model,
          prompt: PROMPT_VERSION,
        }),
      );
      // Identical judgments asked at the same time share one model call (single flight).
      const { result, shared } = await deps.cache.resolve(key, () => reasoner.judge(input, budget.signal()));
      const record: JudgmentRecord = {
        ...result.meta,
        cached: shared,
        ...(result.ok ? { output: result.output } : { cause: result.cause, detail: result.detail }),
      };
      judgments[r.norm] = record;

      const unresolved = (cause: JudgmentCause, detail?: string): NormResult => {
        record.cause ??= cause;
        if (detail) record.detail ??= detail;
        causes[r.norm] = CAUSE_TEXT[cause];
        return r;
      };
      if (!result.ok) return unresolved(result.cause);
      // Only precedents that were actually offered can be cited.
      const offered = new Set(input.precedents.map((p) => p.id));
      const output = {
        ...result.output,
        precedents_cited: (result.output.precedents_cited ?? []).filter((id) => offered.has(id)),
      };
      record.output = output;
      if (output.verdict === "violates") return { ...r, outcome: "violated" };
      if (output.verdict === "unclear") return unresolved("unclear");
      const distrusted = distrust(output, r, set, request, evaluation);
      if (distrusted) return unresolved(distrusted.cause, distrusted.detail);
      if (output.confidence < set.settings.judgment_threshold) return unresolved("low_confidence");
      return { ...r, outcome: "excepted", exception: output.exception as string };
    }),
  ).finally(budget.release);
  return { ...evaluation, ...combineOutcomes(norms), norms, judgments, causes };
}

/**
 * The request's reasoning budget: its timer starts with the first model call
 * and is cleared when judgment ends. AbortSignal.timeout on every request
 * kept a 15 s timer, a WeakRef and a closure alive per moderation (most of
 * which never ask a model): thousands of live timers under load, the growth a
 * heap snapshot comparison showed (bench/memory.ts).
 */
function lazyBudget(ms: number) {
  let controller: AbortController | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    signal(): AbortSignal {
      if (!controller) {
        const c = new AbortController();
        controller = c;
        timer = setTimeout(() => c.abort(new DOMException("the reasoning budget ran out", "TimeoutError")), ms);
      }
      return controller.signal;
    },
    release: () => clearTimeout(timer),
  };
}
