import type { EvaluationRequest, Ruling } from "../domain/index.js";
import { evaluate } from "../rules/evaluate.js";
import { rulingView } from "../rulings/ruling-view.js";
import type { Services } from "../services.js";
import { applyEscalation } from "./escalation.js";
import { judge } from "./judge.js";
import { applyRouting } from "./routing.js";
import { buildRulingRecord } from "./ruling-record.js";

export type Moderated = { ruling: Ruling; replayed: boolean };

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
): Promise<Moderated> {
  const set = await ctx.normSets.current(community);
  const evaluation = applyEscalation(
    await judge(
      ctx.judgment,
      set,
      request,
      applyRouting(set.compiled, set.settings, await evaluate(set.compiled, request)),
    ),
    set.settings,
  );
  const record = buildRulingRecord({
    set,
    request,
    evaluation,
    ...(idempotencyKey ? { idempotencyKey } : {}),
    now: ctx.clock(),
  });
  const saved = await ctx.rulings.save(record);
  // After the ruling is durable; the shadow runs off the answer's path.
  if (!saved.replayed) ctx.shadows.observe(ctx.background, { set, request, evaluation, rulingId: saved.record.row.id });
  return { ruling: rulingView(saved.record.row, saved.record.norms), replayed: saved.replayed };
}

/**
 * Up to 100 items, one ruling each, in order. All items are submitted together,
 * so they share group-commit transactions; a batch Idempotency-Key is applied
 * per item as `key:index`.
 */
export async function moderateBatch(
  ctx: Services,
  community: string,
  items: EvaluationRequest[],
  idempotencyKey?: string,
): Promise<Moderated[]> {
  await ctx.normSets.current(community); // an unknown community fails before any item is evaluated
  return Promise.all(
    items.map((item, i) => moderate(ctx, community, item, idempotencyKey ? `${idempotencyKey}:${i}` : undefined)),
  );
}
