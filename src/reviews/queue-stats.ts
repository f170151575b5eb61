import { count, eq, min } from "drizzle-orm";
import type { Database } from "../db/client.js";
import { communities, reviewQueue } from "../db/schema/index.js";

export type QueueStats = { community: string; depth: number; oldestSeconds: number };

/**
 * Per community (every one, an empty queue as 0): how many rulings wait for
 * review, and how long the oldest has waited. Read at each /metrics scrape,
 * from the table of rulings waiting (migrations/0013), so a scrape costs what
 * the queue holds, not what the rulings' history holds.
 */
export async function reviewQueueStats(db: Database, now: Date): Promise<QueueStats[]> {
  const rows = await db
    .select({ community: communities.id, depth: count(reviewQueue.rulingId), oldest: min(reviewQueue.createdAt) })
    .from(communities)
    .leftJoin(reviewQueue, eq(reviewQueue.communityId, communities.id))
    .groupBy(communities.id);
  return rows.map((r) => ({
    community: r.community,
    depth: Number(r.depth),
    oldestSeconds: r.oldest ? Math.max(0, (now.getTime() - new Date(r.oldest).getTime()) / 1000) : 0,
  }));
}
