import { sql } from "drizzle-orm";
import type { Services } from "../context.js";
import { resultRows } from "../db/json-rows.js";
import { listQueue } from "../reviews/queue.js";

const DAY_MS = 86_400_000;
/** The backlog is read through the queue verb, a page at a time, up to this many cases. */
const BACKLOG_LIMIT = 1000;

export type DayCount = { day: string; decision: string; n: number };
export type Settled = { by: "rules" | "model" | "people"; n: number };

/** Rulings per day and decision over the last `days` days (every origin: reviews and appeals are decisions too). */
export async function decisionsByDay(ctx: Services, community: string, days: number): Promise<DayCount[]> {
  const since = new Date(ctx.clock().getTime() - days * DAY_MS).toISOString();
  const result = await ctx.db.execute(sql`
    select to_char(date_trunc('day', created_at at time zone 'UTC'), 'YYYY-MM-DD') as day, decision, count(*)::int as n
    from rulings where community_id = ${community} and created_at >= ${since}::timestamptz
    group by 1, 2 order by 1, 2`);
  return resultRows<DayCount>(result);
}

/**
 * Who settled each engaged norm of the evaluations in range: the rules alone,
 * a model (a judgment with an answer that settled it), or people (sent to review).
 */
export async function settledBy(ctx: Services, community: string, days: number): Promise<Settled[]> {
  const since = new Date(ctx.clock().getTime() - days * DAY_MS).toISOString();
  const result = await ctx.db.execute(sql`
    select case when rn.outcome = 'needs_review' then 'people'
                when rn.judgment is not null then 'model' else 'rules' end as by, count(*)::int as n
    from ruling_norms rn join rulings r on r.id = rn.ruling_id
    where r.community_id = ${community} and r.origin = 'evaluation' and r.created_at >= ${since}::timestamptz
    group by 1`);
  const counts = new Map(resultRows<Settled>(result).map((r) => [r.by, r.n]));
  return (["rules", "model", "people"] as const).map((by) => ({ by, n: counts.get(by) ?? 0 }));
}

/** How long the cases waiting for review have waited, in buckets a moderator plans by. */
export async function backlogAges(ctx: Services, community: string) {
  const buckets = [
    { label: "under 1 h", upTo: 3_600_000, n: 0 },
    { label: "1–24 h", upTo: DAY_MS, n: 0 },
    { label: "1–7 days", upTo: 7 * DAY_MS, n: 0 },
    { label: "over 7 days", upTo: Number.POSITIVE_INFINITY, n: 0 },
  ];
  const now = ctx.clock().getTime();
  let cursor: string | undefined;
  let seen = 0;
  let oldest: string | null = null;
  do {
    const page = await listQueue(ctx, community, { limit: 200, ...(cursor ? { cursor } : {}) });
    for (const q of page.data) {
      oldest ??= q.waiting_since;
      const waited = now - Date.parse(q.waiting_since);
      const bucket = buckets.find((b) => waited < b.upTo);
      if (bucket) bucket.n++;
    }
    seen += page.data.length;
    cursor = page.next_cursor ?? undefined;
  } while (cursor && seen < BACKLOG_LIMIT);
  return { total: seen, more: cursor !== undefined, oldest, buckets };
}
