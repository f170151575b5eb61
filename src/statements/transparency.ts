import { sql } from "drizzle-orm";
import type { Services } from "../context.js";
import { resultRows } from "../db/json-rows.js";

/** A norm whose decided appeals are overturned this often (with enough of them) needs rewriting. */
export const REWRITE_OVERTURN_RATE = 0.3;
export const REWRITE_MIN_APPEALS = 5;

type Row = {
  norm_id: string;
  rulings: number;
  violations: number;
  exceptions_applied: number;
  reviews: number;
  appeals: number;
  decided: number;
  overturned: number;
};

/**
 * Per norm, over a time range: evaluations that engaged it, violations,
 * exceptions applied, reviews, appeals and how many were overturned. A high
 * overturn rate says the norm's text does not say what moderators mean.
 */
/** The default range: the last 30 days, up to now. */
const DEFAULT_DAYS = 30;
const DAY_MS = 86_400_000;

export async function transparency(ctx: Services, community: string, asked: { since?: Date; until?: Date }) {
  const until = asked.until ?? new Date(ctx.clock().getTime() + 1);
  const range = { until, since: asked.since ?? new Date(until.getTime() - DEFAULT_DAYS * DAY_MS) };
  const result = await ctx.db.execute(sql`
    with engaged as (
      select rn.norm_id, rn.outcome, r.id as ruling_id
      from ruling_norms rn join rulings r on r.id = rn.ruling_id
      where r.community_id = ${community}
        -- Each evaluation once: a provisional ruling counts as the model's final ruling once that exists.
        and (r.origin = 'judgment' or (r.origin = 'evaluation'
          and not exists (select 1 from rulings s where s.supersedes = r.id and s.origin = 'judgment')))
        and r.created_at >= ${range.since.toISOString()}::timestamptz and r.created_at < ${range.until.toISOString()}::timestamptz
    ), appealed as (
      select e.norm_id, a.state, a.outcome
      from appeals a join engaged e on e.ruling_id = a.ruling_id
    )
    select n.norm_id,
      (select count(*)::int from engaged e where e.norm_id = n.norm_id) as rulings,
      (select count(*)::int from engaged e where e.norm_id = n.norm_id and e.outcome = 'violated') as violations,
      (select count(*)::int from engaged e where e.norm_id = n.norm_id and e.outcome = 'excepted') as exceptions_applied,
      (select count(*)::int from engaged e where e.norm_id = n.norm_id and e.outcome = 'needs_review') as reviews,
      (select count(*)::int from appealed a where a.norm_id = n.norm_id) as appeals,
      (select count(*)::int from appealed a where a.norm_id = n.norm_id and a.state = 'decided') as decided,
      (select count(*)::int from appealed a where a.norm_id = n.norm_id and a.outcome in ('overturned', 'modified')) as overturned
    from (select distinct norm_id from engaged) n
    order by n.norm_id`);
  const norms = resultRows<Row>(result).map((r) => {
    const rate = r.decided > 0 ? r.overturned / r.decided : null;
    return {
      ...r,
      overturn_rate: rate,
      needs_rewriting: rate !== null && r.decided >= REWRITE_MIN_APPEALS && rate >= REWRITE_OVERTURN_RATE,
    };
  });
  return { community, since: range.since.toISOString(), until: range.until.toISOString(), norms };
}
