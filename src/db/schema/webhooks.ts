import { index, integer, jsonb, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { timestamptz } from "./columns.js";
import { communities } from "./communities.js";

/** A platform's receiver for events. The secret signs payloads (Standard Webhooks) and is shown once. */
export const webhookEndpoints = pgTable("webhook_endpoints", {
  id: text("id").primaryKey(),
  communityId: text("community_id")
    .notNull()
    .references(() => communities.id),
  url: text("url").notNull(),
  events: jsonb("events").$type<string[]>().notNull(),
  secret: text("secret").notNull(),
  createdAt: timestamptz("created_at").notNull(),
  disabledAt: timestamptz("disabled_at"),
});

/**
 * The outbox: an event is written in the same transaction as the change that
 * causes it, so no committed change loses its event and no event exists for a
 * change that rolled back. Its id is the `webhook-id` receivers deduplicate by.
 */
export const webhookEvents = pgTable(
  "webhook_events",
  {
    id: text("id").primaryKey(),
    communityId: text("community_id").notNull(),
    type: text("type").notNull(),
    payload: jsonb("payload").notNull(),
    createdAt: timestamptz("created_at").notNull(),
  },
  (t) => [index("webhook_events_community").on(t.communityId, t.createdAt)],
);

/** One event to one endpoint: delivered at least once, retried with exponential backoff. */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    eventId: text("event_id")
      .notNull()
      .references(() => webhookEvents.id),
    endpointId: text("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id),
    communityId: text("community_id").notNull(),
    status: text("status", { enum: ["pending", "delivered", "failed"] }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamptz("next_attempt_at").notNull(),
    lastStatus: integer("last_status"),
    lastError: text("last_error"),
    deliveredAt: timestamptz("delivered_at"),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.endpointId] }),
    index("webhook_deliveries_due").on(t.status, t.nextAttemptAt),
    index("webhook_deliveries_endpoint").on(t.endpointId, t.eventId),
  ],
);
