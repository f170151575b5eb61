import { and, eq, sql } from "drizzle-orm";
import type { Database } from "../db/client.js";
import { resultRows } from "../db/json-rows.js";
import { webhookDeliveries } from "../db/schema/index.js";

/** A delivery this worker holds the lease on, with what it needs to send it. */
export type ClaimedDelivery = {
  eventId: string;
  endpointId: string;
  /** Attempts including this one: also the claim's token (see recordFailure). */
  attempts: number;
  url: string;
  secret: string;
  type: string;
  community: string;
  payload: unknown;
  createdAt: string;
};

type ClaimRow = {
  event_id: string;
  endpoint_id: string;
  attempts: number;
  url: string;
  secret: string;
  type: string;
  community_id: string;
  payload: string;
  created_at: string;
};

/**
 * Claims up to `limit` due deliveries in one statement that commits at once:
 * each is leased by pushing next_attempt_at to `lease`, so no other worker
 * takes it meanwhile (SKIP LOCKED: concurrent claims pass each other by), and
 * one whose worker dies mid-send is due again when the lease runs out. The
 * HTTP call happens after this, outside any transaction. Endpoints disabled
 * since the event was written are skipped.
 */
export async function claimDue(
  db: Database,
  input: { cutoff: Date; lease: Date; limit: number },
): Promise<ClaimedDelivery[]> {
  const result = await db.execute(sql`
    with due as (
      select d.event_id, d.endpoint_id
      from webhook_deliveries d
      join webhook_endpoints e on e.id = d.endpoint_id
      where d.status = 'pending' and d.next_attempt_at <= ${input.cutoff.toISOString()}::timestamptz
        and e.disabled_at is null
      order by d.next_attempt_at
      limit ${input.limit}
      for update of d skip locked
    ), claimed as (
      update webhook_deliveries d
      set attempts = d.attempts + 1, next_attempt_at = ${input.lease.toISOString()}::timestamptz
      from due
      where d.event_id = due.event_id and d.endpoint_id = due.endpoint_id
      returning d.event_id, d.endpoint_id, d.attempts
    )
    select c.event_id, c.endpoint_id, c.attempts, e.url, e.secret, ev.type, ev.community_id,
      ev.payload::text as payload, to_json(ev.created_at) #>> '{}' as created_at
    from claimed c
    join webhook_events ev on ev.id = c.event_id
    join webhook_endpoints e on e.id = c.endpoint_id`);
  // Text casts: postgres.js and PGlite parse jsonb and timestamptz differently, text they both leave alone.
  return resultRows<ClaimRow>(result).map((r) => ({
    eventId: r.event_id,
    endpointId: r.endpoint_id,
    attempts: Number(r.attempts),
    url: r.url,
    secret: r.secret,
    type: r.type,
    community: r.community_id,
    payload: JSON.parse(r.payload),
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

const deliveryKey = (d: ClaimedDelivery) =>
  and(eq(webhookDeliveries.eventId, d.eventId), eq(webhookDeliveries.endpointId, d.endpointId));

/** A 2xx answer: delivered, whoever holds the lease now (a late success is still a success). */
export async function recordDelivered(db: Database, d: ClaimedDelivery, now: Date, status: number): Promise<void> {
  await db
    .update(webhookDeliveries)
    .set({ status: "delivered", deliveredAt: now, lastStatus: status, lastError: null })
    .where(and(deliveryKey(d), eq(webhookDeliveries.status, "pending")));
}

/**
 * A failed attempt, recorded only if this claim is still the latest
 * (`attempts` unchanged): a worker whose lease ran out while it waited must not
 * overwrite what a later attempt recorded.
 */
export async function recordFailure(
  db: Database,
  d: ClaimedDelivery,
  outcome: { status: "pending"; nextAttemptAt: Date } | { status: "failed" },
  last: { status: number | null; error: string },
): Promise<void> {
  await db
    .update(webhookDeliveries)
    .set({
      status: outcome.status,
      ...(outcome.status === "pending" ? { nextAttemptAt: outcome.nextAttemptAt } : {}),
      lastStatus: last.status,
      lastError: last.error,
    })
    .where(and(deliveryKey(d), eq(webhookDeliveries.status, "pending"), eq(webhookDeliveries.attempts, d.attempts)));
}
