import { sql } from "drizzle-orm";
import type { Database, Transaction } from "../db/client.js";
import { webhookEvents } from "../db/schema/index.js";
import { newId } from "../lib/ids.js";

export const WEBHOOK_EVENT_TYPES = [
  "ruling.created",
  "ruling.superseded",
  "appeal.filed",
  "appeal.decided",
  "review.decided",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/**
 * Whether the endpoint `e` of a query (a row of webhook_endpoints) takes events of `type`: it is enabled and
 * lists the type. One rule for every statement that fans an event out to its deliveries.
 */
export const endpointTakes = (type: WebhookEventType) =>
  sql`e.disabled_at is null and e.events @> ${JSON.stringify([type])}::jsonb`;

/**
 * Writes an event to the outbox, and one pending delivery per endpoint of the
 * community subscribed to its type — inside the caller's transaction, so the
 * event exists if and only if the change that caused it committed. Delivery
 * happens later, outside any transaction (webhooks/delivery-worker.ts).
 */
export async function recordEvent(
  tx: Database | Transaction,
  event: { community: string; type: WebhookEventType; payload: Record<string, unknown>; now: Date },
): Promise<string> {
  const id = newId("evt", event.now.getTime());
  await tx.insert(webhookEvents).values({
    id,
    communityId: event.community,
    type: event.type,
    payload: event.payload,
    createdAt: event.now,
  });
  await tx.execute(sql`
    insert into webhook_deliveries (event_id, endpoint_id, community_id, status, attempts, next_attempt_at)
    select ${id}, e.id, e.community_id, 'pending', 0, ${event.now.toISOString()}::timestamptz
    from webhook_endpoints e
    where e.community_id = ${event.community} and ${endpointTakes(event.type)}`);
  return id;
}
