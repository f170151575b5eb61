import { sql } from "drizzle-orm";
import { endpointTakes, type WebhookEventType } from "./outbox.js";

const TYPE: WebhookEventType = "ruling.created";

/**
 * The outbox rows for `ruling.created`, as data-modifying CTEs that the
 * ruling writer appends to the one statement that inserts rulings: the events
 * commit if and only if their rulings do, with no extra round trip on the hot
 * path. It reads the preceding CTE `inserted` (the rulings actually inserted,
 * not conflicts), returning id, community_id, decision, content_id,
 * supersedes and created_at. Only rulings of a community with an enabled
 * endpoint subscribed to `ruling.created` get an event (it is opt-in).
 *
 * The event id is the ruling id with `evt_` for `rul_`: unique, time-ordered
 * like every id, and the same on every retry (the `webhook-id`).
 */
export const rulingCreatedEvents = sql`
  subscribed as (
    select i.id, i.community_id, i.decision, i.content_id, i.supersedes, i.created_at, e.id as endpoint_id
    from inserted i
    join webhook_endpoints e on e.community_id = i.community_id and ${endpointTakes(TYPE)}
  ), ruling_events as (
    insert into webhook_events (id, community_id, type, payload, created_at)
    select distinct on (s.id) 'evt_' || substr(s.id, 5), s.community_id, ${TYPE},
      jsonb_build_object(
        'ruling_id', s.id, 'community', s.community_id, 'decision', s.decision,
        'content_id', s.content_id, 'supersedes', s.supersedes,
        'created_at', to_char(s.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
      s.created_at
    from subscribed s
  ), ruling_deliveries as (
    insert into webhook_deliveries (event_id, endpoint_id, community_id, status, attempts, next_attempt_at)
    select 'evt_' || substr(s.id, 5), s.endpoint_id, s.community_id, 'pending', 0, s.created_at
    from subscribed s
  )`;
