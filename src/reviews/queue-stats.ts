import { and, count, eq, min } from "drizzle-orm";
import type { Database } from "../db/client.js";
import { communities, rulings } from "../db/schema/index.js";
import { awaitingReview } from "./queue.js";

export type QueueStats = { community: string; depth: number; oldestSeconds: number };

/**
 * Per community (every one, an empty queue as 0): how many rulings wait for
 * review, and how long the oldest has waited. Read at each /metrics scrape.
 */
export async function reviewQueueStats(db: Database, now: Date): Promise<QueueStats[]> {
  const rows = await db
    .select({ community: communities.id, depth: count(rulings.id), oldest: min(rulings.createdAt) })
    .from(communities)
    .leftJoin(rulings, and(eq(rulings.communityId, communities.id), ...awaitingReview()))
    .groupBy(communities.id);
  return rows.map((r) => ({
    community: r.community,
    depth: Number(r.depth),
    oldestSeconds: r.oldest ? Math.max(0, (now.getTime() - new Date(r.oldest).getTime()) / 1000) : 0,
  }));
}
