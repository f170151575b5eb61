import { and, desc, eq, type SQL } from "drizzle-orm";
import type { Services } from "../context.js";
import { webhookDeliveries, webhookEvents } from "../db/schema/index.js";
import { findEndpoint } from "./endpoints.js";

export const DELIVERY_STATUSES = webhookDeliveries.status.enumValues;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** The most deliveries one listing shows. */
const LIMIT = 100;

/**
 * An endpoint's most recent deliveries, newest event first (event ids are
 * time-ordered), optionally of one status: what a platform checks when its
 * receiver was down.
 */
export async function listDeliveries(
  ctx: Pick<Services, "db" | "clock" | "normSets">,
  community: string,
  endpointId: string,
  status?: DeliveryStatus,
) {
  await findEndpoint(ctx, community, endpointId);
  const where: SQL[] = [eq(webhookDeliveries.endpointId, endpointId)];
  if (status) where.push(eq(webhookDeliveries.status, status));
  const rows = await ctx.db
    .select({ delivery: webhookDeliveries, type: webhookEvents.type, createdAt: webhookEvents.createdAt })
    .from(webhookDeliveries)
    .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
    .where(and(...where))
    .orderBy(desc(webhookDeliveries.eventId))
    .limit(LIMIT);
  return {
    data: rows.map(({ delivery: d, type, createdAt }) => ({
      event_id: d.eventId,
      type,
      event_created_at: createdAt.toISOString(),
      status: d.status,
      attempts: d.attempts,
      last_status: d.lastStatus,
      last_error: d.lastError,
      // Only a pending delivery has a next attempt; otherwise the column holds a spent lease.
      next_attempt_at: d.status === "pending" ? d.nextAttemptAt.toISOString() : null,
      delivered_at: d.deliveredAt?.toISOString() ?? null,
    })),
  };
}
