import type { Decision, EvaluationRequest, JudgmentOutput, Norm, NormOutcome, NormPack } from "../domain/index.js";
import { canonicalJson, sha256 } from "../lib/hash.js";
import { applyPolicies } from "../moderation/pipeline.js";
import { applyRouting } from "../moderation/routing.js";
import { type JudgedEvaluation, settlePending } from "../moderation/settle-pending.js";
import type { ActiveNormSet } from "../norms/norm-set-cache.js";
import { JudgmentCache } from "../reasoner/judgment-cache.js";
import { PROMPT_VERSION, type Reasoner } from "../reasoner/port.js";
import { type Evaluation, evaluate } from "../rules/evaluate.js";

/** A model's answer about one norm, with the hash of the norm text it answered about. */
export type RecordedJudgment = { normHash: string; output: JudgmentOutput };

export const normHash = (norm: Norm): string => sha256(canonicalJson(norm));

const NO_CACHE = new JudgmentCache(0);

const factInputs = new WeakMap<NormPack, string>();
/**
 * Whether two packs compute the same facts for any request: facts depend on
 * lexicons, groups and patterns, not on norms. When they do, an evaluation
 * under one can reuse the other's facts — most of an evaluation's cost.
 */
export function sameFacts(a: NormPack, b: NormPack): boolean {
  const key = (p: NormPack) => {
    let k = factInputs.get(p);
    if (k === undefined) {
      k = sha256(canonicalJson({ lexicons: p.lexicons, groups: p.groups, patterns: p.patterns }));
      factInputs.set(p, k);
    }
    return k;
  };
  return a === b || key(a) === key(b);
}

/**
 * A reasoner that never calls a model: it answers with the judgment already
 * recorded for the same norm text, and otherwise says none was recorded (so
 * the norm stays with a person). Replays and shadow runs use it, so a
 * proposal never costs a model call the live path did not already make.
 */
export function recordedReasoner(recorded: ReadonlyMap<string, RecordedJudgment>): Reasoner {
  const meta = { provider: "recorded", model: "recorded", prompt_version: PROMPT_VERSION, latency_ms: 0 };
  return {
    provider: "recorded",
    model: "recorded",
    judge: async (input) => {
      const hit = recorded.get(input.norm.id);
      if (hit && hit.normHash === normHash(input.norm)) return { ok: true, output: hit.output, meta };
      return { ok: false, cause: "not_recorded", detail: "no recorded judgment for this norm text", meta };
    },
  };
}

/** What the service would decide under `set`, reusing recorded judgments and the community's policies. */
export async function evaluateWithoutModel(
  set: ActiveNormSet,
  request: EvaluationRequest,
  recorded: ReadonlyMap<string, RecordedJudgment>,
  known?: Pick<Evaluation, "facts" | "evidence">,
): Promise<JudgedEvaluation> {
  const rules = applyRouting(set.compiled, set.settings, await evaluate(set.compiled, request, known));
  const judged = await settlePending(
    { reasoner: recordedReasoner(recorded), cache: NO_CACHE, budgetMs: 60_000 },
    set,
    request,
    rules,
  );
  return applyPolicies(judged, set, request);
}

/** Outcomes the way a ruling records them: a norm still needing judgment is `needs_review`. */
type Outcome = Exclude<NormOutcome, "needs_judgment"> | "needs_review";
export type NormChange = { norm: string; from: Outcome; to: Outcome };
export type DecisionChange = { from: Decision; to: Decision; norms: NormChange[] };

const outcomes = (e: JudgedEvaluation) =>
  new Map<string, Outcome>(e.norms.map((r) => [r.norm, r.outcome === "needs_judgment" ? "needs_review" : r.outcome]));

/** How the decision and each norm's outcome differ between two evaluations of the same content. */
export function compareEvaluations(before: JudgedEvaluation, after: JudgedEvaluation): DecisionChange {
  const a = outcomes(before);
  const b = outcomes(after);
  const norms: NormChange[] = [];
  for (const norm of new Set([...a.keys(), ...b.keys()])) {
    const from = a.get(norm) ?? "not_engaged";
    const to = b.get(norm) ?? "not_engaged";
    if (from !== to) norms.push({ norm, from, to });
  }
  return { from: before.decision, to: after.decision, norms: norms.sort((x, y) => x.norm.localeCompare(y.norm)) };
}

/** The recorded judgments of a ruling's norms (rows of ruling_norms), keyed by norm id. */
export function recordedJudgments(
  rows: ReadonlyArray<{ normId: string; judgment: unknown }>,
  normsCited: ReadonlyMap<string, Norm>,
): Map<string, RecordedJudgment> {
  const recorded = new Map<string, RecordedJudgment>();
  for (const row of rows) {
    const output = (row.judgment as { output?: JudgmentOutput } | null)?.output;
    const norm = normsCited.get(row.normId);
    if (output && norm) recorded.set(row.normId, { normHash: normHash(norm), output });
  }
  return recorded;
}
