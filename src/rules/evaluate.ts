import type {
  ConditionTrace,
  DecisionSummary,
  EvaluationRequest,
  ExceptionTrace,
  Facts,
  Norm,
  NormResult,
} from "../domain/index.js";
import { computeFacts, type Evidence } from "../facts/compute.js";
import { inSpan } from "../lib/tracing.js";
import { combineOutcomes } from "./combine-outcomes.js";
import type { CompiledNorm, CompiledNormSet } from "./compile.js";
import type { RuleAnswer } from "./rule-memo.js";

export type Evaluation = DecisionSummary & {
  facts: Facts;
  /** The matches as evidence, at most MAX_EVIDENCE (facts/evidence-cap.ts); facts are read from every match. */
  evidence: Evidence[];
  /** Matches left out of `evidence` by that bound; absent when none were. */
  evidence_omitted?: number;
  /** Every engaged norm, in pack order. */
  norms: NormResult[];
  /** How much rule work this evaluation took: candidates considered, engine runs. */
  work: { candidates: number; engine_runs: number };
};

function inScope(norm: Norm, request: EvaluationRequest): boolean {
  const scope = norm.scope;
  if (!scope) return true;
  const kind = request.content.kind;
  const channel = request.context?.channel;
  const role = request.author?.role;
  if (scope.kinds && kind !== undefined && !scope.kinds.includes(kind)) return false;
  if (scope.channels && channel !== undefined && !scope.channels.includes(channel)) return false;
  if (scope.exempt_roles && role !== undefined && scope.exempt_roles.includes(role)) return false;
  return true;
}

/** `then`, without waiting for a turn of the microtask queue when the value is already there (a remembered run). */
function after<T, U>(value: T | Promise<T>, next: (value: T) => U | Promise<U>): U | Promise<U> {
  return value instanceof Promise ? value.then(next) : next(value);
}

function evaluateNorm(
  c: CompiledNorm,
  facts: Facts,
  runs: { n: number },
): NormResult | null | Promise<NormResult | null> {
  runs.n++;
  const all = facts as unknown as Record<string, unknown>;
  return after(c.triggerRuns.run(all), (triggered) => {
    const trigger = triggered[0];
    if (!trigger?.result) return null;
    if (!c.evidenceRuns) return outcome(c, trigger.trace, []);
    runs.n++;
    return after(c.evidenceRuns.run(all), (evidence) => outcome(c, trigger.trace, evidence));
  });
}

/** An engaged norm's outcome, from the answers of its exceptions' evidence rules. */
function outcome(c: CompiledNorm, trigger: ConditionTrace, evidence: readonly RuleAnswer[]): NormResult {
  const { norm } = c;
  // Answers are a handful (one per exception with evidence): found by scanning, with no Set or Map per engaged norm.
  const answer = (id: string) => evidence.find((r) => r.name === id);
  const exceptionTraces: ExceptionTrace[] = [];
  let settled: string | undefined;
  const candidates: { exception: string; description: string }[] = [];
  for (const e of norm.exceptions) {
    const answered = answer(e.id);
    const trace = answered?.trace;
    const holds = answered?.result === true;
    const held = e.evidence ? holds : true;
    // Written out, not spread: an object spread in a literal takes V8's slow path, on every engaged norm.
    exceptionTraces.push(
      trace
        ? { id: e.id, requires_judgment: e.requires_judgment, holds: held, evidence: trace }
        : { id: e.id, requires_judgment: e.requires_judgment, holds: held },
    );
    if (settled === undefined && !e.requires_judgment && holds) settled = e.id;
    if (e.requires_judgment && (holds || !e.evidence)) candidates.push({ exception: e.id, description: e.description });
  }
  const { id, title, action, severity } = norm;
  const trace = { trigger, exceptions: exceptionTraces };
  // The same keys in the same order as before: rulings record this object as JSON.
  if (settled !== undefined)
    return { norm: id, title, action, severity, trace, outcome: "excepted", exception: settled };
  if (candidates.length > 0) return { norm: id, title, action, severity, trace, outcome: "needs_judgment", candidates };
  return { norm: id, title, action, severity, trace, outcome: "violated" };
}

/** The two stages' span arguments, shared by every evaluation (read, never changed). */
const NO_ATTRIBUTES = Object.freeze({});
const WITHIN_TRACE = Object.freeze({ withinTrace: true });

/** Each norm's position in its pack, built once per compiled set (not once per evaluation). */
const orders = new WeakMap<CompiledNormSet, ReadonlyMap<string, number>>();
function packOrder(set: CompiledNormSet): ReadonlyMap<string, number> {
  let order = orders.get(set);
  if (!order) {
    order = new Map(set.norms.map((c, i) => [c.norm.id, i]));
    orders.set(set, order);
  }
  return order;
}

/**
 * Evaluates one request against a compiled norm set: facts once, then the
 * engines of candidate norms only, then one decision. Pure apart from time:
 * no I/O, so the same call serves the API, `norms test`, replay and shadow.
 * Facts and rules are the spans `mores.facts` and `mores.rules`.
 */
export async function evaluate(
  set: CompiledNormSet,
  request: EvaluationRequest,
  /** Facts already computed for this request from the same lexicons, groups and patterns (shadow runs, replays). */
  known?: Pick<Evaluation, "facts" | "evidence" | "evidence_omitted">,
): Promise<Evaluation> {
  const read: Pick<Evaluation, "facts" | "evidence" | "evidence_omitted"> =
    known ?? inSpan("mores.facts", NO_ATTRIBUTES, () => computeFacts(request, set.facts), WITHIN_TRACE);
  const { facts, evidence } = read;
  return inSpan(
    "mores.rules",
    NO_ATTRIBUTES,
    (span): Evaluation | Promise<Evaluation> => {
      const candidates = set.index.candidates(facts).filter((c) => inScope(c.norm, request));
      const runs = { n: 0 };
      const finish = (settled: readonly (NormResult | null)[]): Evaluation => {
        const norms: NormResult[] = [];
        for (const r of settled) if (r !== null) norms.push(r);
        if (norms.length > 1) {
          const order = packOrder(set);
          norms.sort((a, b) => (order.get(a.norm) ?? 0) - (order.get(b.norm) ?? 0));
        }
        const summary = combineOutcomes(norms);
        if (span.isRecording())
          span.setAttributes({
            "mores.rules.candidates": candidates.length,
            "mores.rules.engine_runs": runs.n,
            "mores.decision": summary.decision,
          });
        // Named, not spread: a spread here took a slow path costing more than the rest of the rules stage.
        const evaluation: Evaluation = {
          decision: summary.decision,
          violated: summary.violated,
          pending: summary.pending,
          facts,
          evidence,
          norms,
          work: { candidates: candidates.length, engine_runs: runs.n },
        };
        if (read.evidence_omitted) evaluation.evidence_omitted = read.evidence_omitted;
        return evaluation;
      };
      // Most content engages no norm, and most that does is answered from remembered runs: no promise then.
      const settled = candidates.map((c) => evaluateNorm(c, facts, runs));
      return settled.some((r) => r instanceof Promise)
        ? Promise.all(settled).then(finish)
        : finish(settled as (NormResult | null)[]);
    },
    WITHIN_TRACE,
  );
}
