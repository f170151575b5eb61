import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { timestamptz } from "./columns.js";
import { communities } from "./communities.js";
import { rulings } from "./rulings.js";

/**
 * The review queue as an append-only event log: a ruling whose decision is
 * `review` is in the queue until a `decided` event exists for it; `claimed`
 * events (with their lease's end in `data.expires_at`) and `released` events
 * say who holds it (src/reviews/claim-state.ts). Status is derived, never stored.
 */
export const reviewEvents = pgTable(
  "review_events",
  {
    id: text("id").primaryKey(),
    communityId: text("community_id")
      .notNull()
      .references(() => communities.id),
    rulingId: text("ruling_id")
      .notNull()
      .references(() => rulings.id),
    type: text("type", { enum: ["claimed", "released", "decided"] }).notNull(),
    moderator: text("moderator").notNull(),
    data: jsonb("data").notNull().default({}),
    createdAt: timestamptz("created_at").notNull(),
  },
  (t) => [
    index("review_events_ruling").on(t.rulingId, t.createdAt),
    // One decision per queued ruling, enforced by the database even under concurrent moderators.
    uniqueIndex("review_events_one_decision").on(t.rulingId).where(sql`${t.type} = 'decided'`),
  ],
);

/**
 * The rulings waiting for review now, kept by triggers (migrations/0013): a ruling whose decision is `review` joins,
 * a `decided` event or a superseding ruling takes it out, retention drops its month's rows. Counting the queue reads
 * this, not every review ruling ever kept. Never written by the application.
 */
export const reviewQueue = pgTable(
  "review_queue",
  {
    rulingId: text("ruling_id").primaryKey(),
    communityId: text("community_id").notNull(),
    createdAt: timestamptz("created_at").notNull(),
  },
  (t) => [index("review_queue_community").on(t.communityId, t.rulingId)],
);

/** An appeal against a ruling, filed by the platform on the author's behalf. State changes go through appeals/transition.ts. */
export const appeals = pgTable(
  "appeals",
  {
    id: text("id").primaryKey(),
    communityId: text("community_id")
      .notNull()
      .references(() => communities.id),
    rulingId: text("ruling_id")
      .notNull()
      .references(() => rulings.id),
    state: text("state", { enum: ["open", "decided", "withdrawn"] }).notNull(),
    grounds: text("grounds").notNull(),
    context: jsonb("context"),
    idempotencyKey: text("idempotency_key"),
    requestHash: text("request_hash").notNull(),
    filedAt: timestamptz("filed_at").notNull(),
    decidedAt: timestamptz("decided_at"),
    outcome: text("outcome", { enum: ["upheld", "overturned", "modified"] }),
    rationale: text("rationale"),
    decision: text("decision"),
    moderator: text("moderator"),
    /** The id of the API key that decided; the moderator's name above is what they signed with. */
    decidedByKey: text("decided_by_key"),
    supersedingRulingId: text("superseding_ruling_id"),
  },
  (t) => [
    uniqueIndex("appeals_one_open").on(t.rulingId).where(sql`${t.state} = 'open'`),
    uniqueIndex("appeals_idempotency_key")
      .on(t.communityId, t.idempotencyKey)
      .where(sql`${t.idempotencyKey} is not null`),
    index("appeals_community_state").on(t.communityId, t.state, t.filedAt),
  ],
);

/**
 * A decided appeal or review, attached to the norm version and exception it
 * interpreted: later reasoning on the same norm receives the most similar.
 */
export const precedents = pgTable(
  "precedents",
  {
    id: text("id").primaryKey(),
    communityId: text("community_id")
      .notNull()
      .references(() => communities.id),
    normId: text("norm_id").notNull(),
    normVersion: integer("norm_version").notNull(),
    exception: text("exception"),
    source: text("source", { enum: ["appeal", "review"] }).notNull(),
    sourceId: text("source_id").notNull(),
    rulingId: text("ruling_id").notNull(),
    /** What the person decided for this norm: it applies (violated) or it does not (excepted / allowed). */
    holding: text("holding", { enum: ["violated", "excepted", "not_violated"] }).notNull(),
    decision: text("decision").notNull(),
    rationale: text("rationale").notNull(),
    terms: jsonb("terms").$type<string[]>().notNull(),
    facts: jsonb("facts").notNull(),
    createdAt: timestamptz("created_at").notNull(),
  },
  (t) => [index("precedents_norm").on(t.communityId, t.normId, t.createdAt)],
);
