import type { DecisionSummary, EvaluationRequest, ExceptionTrace, Facts, Norm, NormResult } from "../domain/index.js";
import { computeFacts, type Evidence } from "../facts/compute.js";
import { inSpan } from "../lib/tracing.js";
import { combineOutcomes } from "./combine-outcomes.js";
import type { CompiledNorm, CompiledNormSet } from "./compile.js";
import { traceOf } from "./trace.js";

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

function pick(facts: Facts, names: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const n of names) out[n] = (facts as Record<string, unknown>)[n];
  return out;
}

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

async function evaluateNorm(c: CompiledNorm, facts: Facts, runs: { n: number }): Promise<NormResult | null> {
  runs.n++;
  const triggered = await c.trigger.run(pick(facts, c.triggerFacts));
  const triggerResult = triggered.results[0] ?? triggered.failureResults[0];
  if (!triggerResult?.result) return null;

  const holding = new Set<string>();
  const exceptionTraces: ExceptionTrace[] = [];
  const evidenceTraces = new Map<string, ReturnType<typeof traceOf>>();
  if (c.evidence) {
    runs.n++;
    const run = await c.evidence.run(pick(facts, c.evidenceFacts));
    for (const r of [...run.results, ...run.failureResults]) {
      if (r.result) holding.add(r.name);
      evidenceTraces.set(r.name, traceOf(r));
    }
  }
  for (const e of c.norm.exceptions) {
    const trace = evidenceTraces.get(e.id);
    const holds = e.evidence ? holding.has(e.id) : true;
    exceptionTraces.push({
      id: e.id,
      requires_judgment: e.requires_judgment,
      holds,
      ...(trace ? { evidence: trace } : {}),
    });
  }
  const base = {
    norm: c.norm.id,
    title: c.norm.title,
    action: c.norm.action,
    severity: c.norm.severity,
    trace: { trigger: traceOf(triggerResult), exceptions: exceptionTraces },
  };
  const settled = c.norm.exceptions.find((e) => !e.requires_judgment && holding.has(e.id));
  if (settled) return { ...base, outcome: "excepted", exception: settled.id };
  const candidates = c.norm.exceptions.filter((e) => e.requires_judgment && (holding.has(e.id) || !e.evidence));
  if (candidates.length > 0) {
    return {
      ...base,
      outcome: "needs_judgment",
      candidates: candidates.map((e) => ({ exception: e.id, description: e.description })),
    };
  }
  return { ...base, outcome: "violated" };
}

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
    known ?? inSpan("mores.facts", {}, () => computeFacts(request, set.facts), { withinTrace: true });
  const { facts, evidence } = read;
  const omitted = read.evidence_omitted ? { evidence_omitted: read.evidence_omitted } : {};
  return inSpan(
    "mores.rules",
    {},
    async (span) => {
      const candidates = set.index.candidates(facts).filter((c) => inScope(c.norm, request));
      const runs = { n: 0 };
      // Most content engages no norm: it skips the promise machinery and the sort.
      const norms: NormResult[] = [];
      if (candidates.length > 0) {
        const settled = await Promise.all(candidates.map((c) => evaluateNorm(c, facts, runs)));
        for (const r of settled) if (r !== null) norms.push(r);
        const order = packOrder(set);
        norms.sort((a, b) => (order.get(a.norm) ?? 0) - (order.get(b.norm) ?? 0));
      }
      const summary = combineOutcomes(norms);
      span.setAttributes({
        "mores.rules.candidates": candidates.length,
        "mores.rules.engine_runs": runs.n,
        "mores.decision": summary.decision,
      });
      const work = { candidates: candidates.length, engine_runs: runs.n };
      return { ...summary, facts, evidence, ...omitted, norms, work };
    },
    { withinTrace: true },
  );
}
