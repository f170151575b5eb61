import type { Services } from "../context.js";
import type { EvaluationRequest, Ruling } from "../domain/index.js";
import { nextTurn } from "../lib/next-turn.js";
import { buildRulingRecord } from "../rulings/evaluation-record.js";
import { rulingView } from "../rulings/ruling-view.js";
import { runPipeline } from "./pipeline.js";

export type Moderated = { ruling: Ruling; replayed: boolean };

/**
 * The request as the rules see it: with the scores of any classifier mores
 * asks itself added to its signals (the platform's own win). The ruling still
 * records the request as sent, so an idempotent retry compares like with like;
 * the facts record the signals seen.
 */
export async function withOutsideSignals(ctx: Services, request: EvaluationRequest): Promise<EvaluationRequest> {
  const outside = await ctx.outsideSignals(request.content.text);
  if (Object.keys(outside).length === 0) return request;
  return { ...request, signals: { ...outside, ...request.signals } };
}

/**
 * Evaluates content against the community's norm set in force and records
 * the ruling durably before returning it. A retry with the same
 * Idempotency-Key, or the same content id and text, returns the recorded ruling.
 */
export async function moderate(
  ctx: Services,
  community: string,
  request: EvaluationRequest,
  idempotencyKey?: string,
  /** Keep only the content's hash, whatever the community keeps (Perspective's `doNotStore`). */
  options: { hashOnly?: boolean } = {},
): Promise<Moderated> {
  const set = await ctx.normSets.current(community);
  const evaluation = await runPipeline(ctx.judgment, set, await withOutsideSignals(ctx, request));
  const record = buildRulingRecord({
    set,
    request,
    evaluation,
    ...(idempotencyKey ? { idempotencyKey } : {}),
    ...(options.hashOnly ? { hashOnly: true } : {}),
    now: ctx.clock(),
  });
  const saved = await ctx.rulings.save(record);
  // After the ruling is durable; the shadow runs off the answer's path. A caller who asked that the text
  // not be stored does not have it held for a shadow run either.
  if (!saved.replayed && !options.hashOnly)
    ctx.shadows.observe(ctx.background, { set, request, evaluation, rulingId: saved.record.row.id });
  return { ruling: rulingView(saved.record.row, saved.record.norms), replayed: saved.replayed };
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
): Promise<Moderated[]> {
  await ctx.normSets.current(community); // an unknown community fails before any item is evaluated
  const rulings: Array<Promise<Moderated>> = [];
  for (const [i, item] of items.entries()) {
    if (i > 0) await nextTurn();
    // Not awaited here: each item's evaluation runs before the next turn, its write joins the others.
    const ruling = moderate(ctx, community, item, idempotencyKey ? `${idempotencyKey}:${i}` : undefined);
    // Promise.all below reports a failure; until it is reached, a rejection must not count as unhandled.
    ruling.catch(() => {});
    rulings.push(ruling);
  }
  return Promise.all(rulings);
}
