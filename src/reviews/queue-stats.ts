import { and, count, min } from "drizzle-orm";
import type { Database } from "../db/client.js";
import { rulings } from "../db/schema/index.js";
import { awaitingReview } from "./queue.js";

export type QueueStats = { community: string; depth: number; oldestSeconds: number };

/** Per community: how many rulings wait for review, and how long the oldest has waited (for /metrics). */
export async function reviewQueueStats(db: Database, now: Date): Promise<QueueStats[]> {
  const rows = await db
    .select({ community: rulings.communityId, depth: count(), oldest: min(rulings.createdAt) })
    .from(rulings)
    .where(and(...awaitingReview()))
    .groupBy(rulings.communityId);
  return rows.map((r) => ({
    community: r.community,
    depth: Number(r.depth),
    oldestSeconds: r.oldest ? Math.max(0, (now.getTime() - new Date(r.oldest).getTime()) / 1000) : 0,
  }));
}
