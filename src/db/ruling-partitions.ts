import { sql } from "drizzle-orm";
import type { Database } from "./client.js";
import { resultRows } from "./json-rows.js";

/**
 * The monthly partitions of rulings (migrations/0010): made ahead of time, and
 * dropped whole by retention. Both are SQL functions of the migration, so the
 * rules live in one place and run the same on PGlite and PostgreSQL.
 */

/** Months made ahead of the current one: a process that stops for a while still finds its months ready. */
export const MONTHS_AHEAD = 3;

/** Makes the current month's partition and the next `monthsAhead`; returns how many it created. */
export async function ensureRulingMonths(db: Database, now: Date, monthsAhead = MONTHS_AHEAD): Promise<number> {
  const result = await db.execute(
    sql`select mores_ensure_ruling_partitions(${now.toISOString()}::timestamptz, ${monthsAhead + 1}) as made`,
  );
  return resultRows<{ made: number }>(result)[0]?.made ?? 0;
}

/** One past month retention looked at: dropped, or kept and why. */
export type RetainedMonth = { month: string; dropped: boolean; kept_because: string | null };

/**
 * Drops every month of rulings that ended more than `retainMonths` whole months before `now`, unless one of its
 * rulings can still be appealed or something (an appeal, a review, a pending judgment, a precedent) refers to it.
 */
export async function dropExpiredRulingMonths(db: Database, now: Date, retainMonths: number): Promise<RetainedMonth[]> {
  const result = await db.execute(
    sql`select month, dropped, kept_because from mores_drop_ruling_months(${now.toISOString()}::timestamptz, ${retainMonths})`,
  );
  return resultRows<RetainedMonth>(result);
}
