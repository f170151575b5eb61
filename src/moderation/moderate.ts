import type { Services } from "../context.js";
import type { EvaluationRequest, Ruling } from "../domain/index.js";
import { nextTurn } from "../lib/next-turn.js";
import { within } from "../lib/within.js";
import { buildRulingRecord } from "../rulings/evaluation-record.js";
import { pendingRow } from "../rulings/pending-store.js";
import type { RulingRecord } from "../rulings/ruling-row.js";
import { rulingView } from "../rulings/ruling-view.js";
import { noOutsideSignals } from "./outside-signals.js";
import { asksModel, judgeStage, ruleStage } from "./pipeline.js";
import { provisionalEvaluation } from "./provisional.js";

/**
 * `record`: the ruling as stored; `ruling`: its API view, built when first read (a `Prefer: return=minimal`
 * answer never needs it). `waited`: the seconds this request waited for the model at most, when it asked the
 * model anything.
 */
export type Moderated = { record: RulingRecord; readonly ruling: Ruling; replayed: boolean; waited?: number };

/**
 * The request as the rules see it: with the scores of any classifier mores
 * asks itself added to its signals (the platform's own win). The ruling still
 * records the request as sent, so an idempotent retry compares like with like;
 * the facts record the signals seen.
 */
export async function withOutsideSignals(ctx: Services, request: EvaluationRequest): Promise<EvaluationRequest> {
  if (ctx.outsideSignals === noOutsideSignals) return request; // no classifier configured: no promise to wait on
  const outside = await ctx.outsideSignals(request.content.text);
  if (Object.keys(outside).length === 0) return request;
  return { ...request, signals: { ...outside, ...request.signals } };
}

/**
 * How long the model may still take (ms) for an answer within `waitMs` of the request: what the rules left,
 * less the time the ruling's write takes (as recent writes went), which the answer waits for too. At most half
 * the wait goes to the write, so a slow database never leaves the model no time at all.
 */
export function judgmentDeadline(waitMs: number, elapsedMs: number, writeMs: number): number {
  return Math.max(0, waitMs - elapsedMs - Math.min(writeMs, waitMs / 2));
}

/**
 * Evaluates content against the community's norm set in force and records
 * the ruling durably before returning it. A retry with the same
 * Idempotency-Key, or the same content id and text, returns the recorded ruling.
 *
 * The model is waited for `wait` seconds (the request's `Prefer: wait`), else
 * the community's `judgment.wait_seconds`, less what the rules took and the
 * write will take (judgmentDeadline). Past that, the answer is a
 * provisional ruling (`pending_judgment`, deciding the community's interim
 * action), written together with its pending judgment; the model call goes
 * on, and its final ruling supersedes the provisional one (pending-judgments.ts).
 */
export async function moderate(
  ctx: Services,
  community: string,
  request: EvaluationRequest,
  idempotencyKey?: string,
  wait?: number,
  /** Keep only the content's hash, whatever the community keeps (Perspective's `doNotStore`). */
  options: { hashOnly?: boolean } = {},
): Promise<Moderated> {
  // RFC 7240's wait is for the whole answer: the time spent on rules counts against it.
  const started = performance.now();
  const set = await ctx.normSets.current(community);
  // Outside classifiers' scores join the request's own signals before any rule reads them.
  const judged = await withOutsideSignals(ctx, request);
  const routed = await ctx.evaluations(() => ruleStage(set, judged));
  const judging = judgeStage(ctx.judgment, set, judged, routed);
  // A wait as long as the reasoning budget is the whole judgment: the budget ends the model call, into review.
  const budget = ctx.judgment.budgetMs / 1000;
  const waited = asksModel(ctx.judgment, routed)
    ? Math.min(wait ?? set.settings.judgment.wait_seconds, budget)
    : undefined;
  const evaluation =
    waited === undefined || waited >= budget
      ? await judging
      : await within(judging, judgmentDeadline(waited * 1000, performance.now() - started, ctx.rulings.writeTimeMs));
  const now = ctx.clock();
  const record = buildRulingRecord({
    set,
    request,
    evaluation: evaluation ?? provisionalEvaluation(routed, set.settings),
    ...(idempotencyKey ? { idempotencyKey } : {}),
    now,
    ...(evaluation ? {} : { status: "pending_judgment" as const }),
    ...(options.hashOnly ? { hashOnly: true } : {}),
  });
  if (!evaluation) {
    judging.catch(() => {}); // followed below once the ruling is durable; a replay drops it
    record.pending = pendingRow(record.row.id, community, judged, now, ctx.pending.leaseMs);
  }
  const saved = await ctx.rulings.save(record);
  // After the ruling is durable: the shadow and the judgment still to come run off the answer's path.
  // A caller who asked that the text not be stored does not have it held for a shadow run either.
  if (!saved.replayed && evaluation && !options.hashOnly)
    ctx.shadows.observe(ctx.background, { set, request, evaluation, rulingId: saved.record.row.id });
  const pending = record.pending;
  if (!saved.replayed && pending) {
    // Held from now, so a stop that comes first still lets it go; runs on as background work.
    const job = { rulingId: pending.rulingId, community, request: judged, token: pending.leaseToken };
    const following = ctx.pending.follow(job, set, judging);
    ctx.background(() => following);
  }
  const stored = saved.record;
  let view: Ruling | undefined;
  return {
    record: stored,
    get ruling() {
      view ??= rulingView(stored.row, stored.norms);
      return view;
    },
    replayed: saved.replayed,
    ...(waited === undefined ? {} : { waited }),
  };
}

/**
 * Up to 100 items, one ruling each, in order. Items are evaluated one per turn
 * of the event loop, so a batch of worst-case texts never holds up other
 * requests for more than one evaluation; their writes still overlap and share
 * group-commit transactions. A batch Idempotency-Key is applied per item as `key:index`.
 */
export async function moderateBatch(
  ctx: Services,
  community: string,
  items: EvaluationRequest[],
  idempotencyKey?: string,
  wait?: number,
): Promise<Moderated[]> {
  await ctx.normSets.current(community); // an unknown community fails before any item is evaluated
  const rulings: Array<Promise<Moderated>> = [];
  for (const [i, item] of items.entries()) {
    if (i > 0) await nextTurn();
    // Not awaited here: each item's evaluation runs before the next turn, its write joins the others.
    const ruling = moderate(ctx, community, item, idempotencyKey ? `${idempotencyKey}:${i}` : undefined, wait);
    // Promise.all below reports a failure; until it is reached, a rejection must not count as unhandled.
    ruling.catch(() => {});
    rulings.push(ruling);
  }
  return Promise.all(rulings);
}
