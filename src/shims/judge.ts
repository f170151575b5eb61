import type { Services } from "../context.js";
import type { Decision, EvaluationRequest, NormScores, Ruling, RulingOutcome, Severity } from "../domain/index.js";
import { remembered } from "../lib/remembered.js";
import { moderate, withOutsideSignals } from "../moderation/moderate.js";
import { runPipeline } from "../moderation/pipeline.js";
import type { ActiveNormSet } from "../norms/norm-set-cache.js";
import type { Scorable } from "./scores.js";

/** Which scores each norm of the set in force declares: the lookup the scores module reads. */
export type Declared = (norm: string) => NormScores | undefined;

const declaredIn = (set: ActiveNormSet): Declared => {
  const byId = new Map(set.pack.norms.map((n) => [n.id, n.scores]));
  return (norm) => byId.get(norm);
};

/** The norm-set facts a compatibility answer needs besides the ruling. */
export type ShimContext = { declared: Declared; languages: string[]; version: number; norms: string[] };

/** Built once per norm set in force (it changes only with the set), not on every check. */
const contexts = new WeakMap<ActiveNormSet, ShimContext>();

const contextOf = (set: ActiveNormSet): ShimContext => remembered(contexts, set, contextFor);

function contextFor(set: ActiveNormSet): ShimContext {
  return {
    declared: declaredIn(set),
    // The languages the pack has words for: the only ones its facts can read.
    languages: [...new Set([set.pack.manifest.language, ...set.pack.lexicons.map((l) => l.language)])],
    version: set.version,
    norms: set.pack.norms.map((n) => n.id),
  };
}

/** The community's norm set in force, as a compatibility endpoint needs it before judging (languages, attributes). */
export async function shimContext(ctx: Services, community: string): Promise<ShimContext> {
  return contextOf(await ctx.normSets.current(community));
}

/**
 * A compatibility call's judgment: the same evaluation and the same recorded,
 * appealable ruling as the moderate endpoint. With `hashOnly` the ruling keeps
 * the content's hash and no text, whatever the community keeps.
 */
export async function judgeAndRecord(
  ctx: Services,
  community: string,
  request: EvaluationRequest,
  hashOnly: boolean,
): Promise<{ ruling: Ruling }> {
  const { ruling } = await moderate(ctx, community, request, undefined, undefined, { hashOnly });
  return { ruling };
}

/** An unrecorded judgment: what `check` answers. */
export type Checked = Scorable & {
  decision: Decision;
  norm_set_version: number;
  norms: Array<{ id: string; outcome: RulingOutcome; severity: Severity; exception?: string }>;
  evidence: Array<{ category: string; span: [number, number] }>;
};

/**
 * The same evaluation as moderate, recording nothing: for "check while typing".
 * Nothing can be appealed because nothing was decided about anyone.
 */
export async function judgeWithoutRecord(
  ctx: Services,
  community: string,
  request: EvaluationRequest,
): Promise<{ checked: Checked; context: ShimContext }> {
  const set = await ctx.normSets.current(community);
  const judged = await withOutsideSignals(ctx, request);
  const evaluation = await ctx.evaluations(() => runPipeline(ctx.judgment, set, judged));
  return {
    checked: {
      decision: evaluation.decision,
      norm_set_version: set.version,
      norms: evaluation.norms.map((r) => ({
        id: r.norm,
        outcome: r.outcome === "needs_judgment" ? ("needs_review" as const) : r.outcome,
        severity: r.severity,
        ...(r.exception ? { exception: r.exception } : {}),
      })),
      evidence: evaluation.evidence.map(({ category, span }) => ({ category, span })),
    },
    context: contextOf(set),
  };
}
