import { sql } from "drizzle-orm";
import { index, integer, json, jsonb, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import {
  type Author,
  type Decision,
  RULING_ORIGINS,
  RULING_STATUSES,
  type Ruling,
  type RulingNorm,
} from "../../domain/index.js";
import { storedFacts, timestamptz } from "./columns.js";
import { communities } from "./communities.js";

/**
 * The immutable record of one evaluation. Append-only, enforced by the
 * database (see migrations: a trigger rejects UPDATE and DELETE); a later
 * decision appends a ruling that `supersedes` this one. Stored in monthly
 * partitions keyed on the time-ordered id (migrations/0010), which retention
 * drops whole (db/ruling-partitions.ts). Its JSON values are `json`, kept as written: nothing in SQL reads into
 * them, and parsing them into jsonb was a quarter of PostgreSQL's CPU per ruling (migrations/0012).
 */
export const rulings = pgTable(
  "rulings",
  {
    id: text("id").primaryKey(),
    communityId: text("community_id")
      .notNull()
      .references(() => communities.id),
    normSetVersion: integer("norm_set_version").notNull(),
    decision: text("decision").$type<Decision>().notNull(),
    /** `pending_judgment` while a provisional ruling waits for the model (see pending_judgments). */
    status: text("status", { enum: RULING_STATUSES }).notNull().default("final"),
    contentId: text("content_id"),
    contentKind: text("content_kind"),
    contentHash: text("content_hash").notNull(),
    /** The text, when the community's retention setting keeps it; null when only the hash is kept. */
    contentText: text("content_text"),
    /** Hash of the whole request body, so a reused idempotency key with a different body is detected. */
    requestHash: text("request_hash").notNull(),
    idempotencyKey: text("idempotency_key"),
    author: json("author").$type<Author>(),
    context: json("context").$type<Record<string, unknown>>(),
    facts: storedFacts("facts").$type<Ruling["facts"]>().notNull(),
    evidence: json("evidence").$type<Ruling["evidence"]>().notNull(),
    trace: json("trace").$type<Ruling["trace"]>().notNull(),
    /** What produced the ruling: an evaluation of content, the model's late judgment of it, or a person (review, appeal). */
    origin: text("origin", { enum: RULING_ORIGINS }).notNull(),
    supersedes: text("supersedes"),
    /** ISO 639-1 code of the content's language when the detector was sure of it; null for short or unclear text. */
    language: text("language"),
    /** Labels the ruling carries beside its decision (e.g. `language_unsupported`); null reads as none. */
    labels: json("labels").$type<string[]>(),
    createdAt: timestamptz("created_at").notNull(),
    appealUntil: timestamptz("appeal_until").notNull(),
  },
  (t) => [
    // Partitioned by month on the id (migrations/0010): the replay keys (idempotency key; content id and hash,
    // "the same content evaluated twice is one ruling") are unique indexes on each month's partition, made by
    // mores_ensure_ruling_partitions, as a partitioned table's unique index must hold the partition key.
    // The listings read newest first by id: the latest page, by decision (the review queue too), by content id.
    index("rulings_community_id").on(t.communityId, t.id),
    index("rulings_community_decision").on(t.communityId, t.decision, t.id),
    index("rulings_community_created").on(t.communityId, t.createdAt, t.id),
    // Lookups by content id (?content_id=, the current ruling) and "what superseded this one".
    index("rulings_community_content").on(t.communityId, t.contentId, t.id).where(sql`${t.contentId} is not null`),
    // "What supersedes this ruling?" is asked before every late judgment is written (and by appeals).
    index("rulings_supersedes").on(t.supersedes).where(sql`${t.supersedes} is not null`),
  ],
);

/** One engaged norm's outcome in a ruling, citing the exact norm version. Append-only like rulings. */
export const rulingNorms = pgTable(
  "ruling_norms",
  {
    /** A ruling that exists: checked once per statement by a trigger, not a foreign key (migrations/0011). */
    rulingId: text("ruling_id").notNull(),
    communityId: text("community_id").notNull(),
    normId: text("norm_id").notNull(),
    normVersion: integer("norm_version").notNull(),
    title: text("title").notNull(),
    outcome: text("outcome").$type<RulingNorm["outcome"]>().notNull(),
    exception: text("exception"),
    candidates: jsonb("candidates").$type<NonNullable<RulingNorm["candidates"]>>(),
    /** Why the norm needs review (e.g. no reasoner configured), when it does. */
    cause: text("cause"),
    /** The reasoning record when a model was asked (provider, model, prompt version, output, latency). */
    judgment: jsonb("judgment").$type<NonNullable<RulingNorm["judgment"]>>(),
    action: text("action").$type<RulingNorm["action"]>().notNull(),
    severity: text("severity").$type<RulingNorm["severity"]>().notNull(),
    position: integer("position").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.rulingId, t.normId] }),
    index("ruling_norms_community_norm").on(t.communityId, t.normId, t.rulingId),
  ],
);

/**
 * Where the writer finds earlier rulings by their replay keys (Idempotency-Key; an evaluated content id): one
 * unpartitioned table, filled by a row trigger in the same statement as each ruling (migrations/0011), so a lookup is
 * one probe whatever the number of months kept. Retention deletes the rows of the months it drops.
 */
export const rulingReplayKeys = pgTable(
  "ruling_replay_keys",
  {
    rulingId: text("ruling_id").notNull(),
    communityId: text("community_id").notNull(),
    idempotencyKey: text("idempotency_key"),
    /** Set for rulings of origin `evaluation` only: the ones an evaluation of the same content replays or supersedes. */
    contentId: text("content_id"),
  },
  (t) => [
    index("ruling_replay_keys_idempotency")
      .on(t.communityId, t.idempotencyKey)
      .where(sql`${t.idempotencyKey} is not null`),
    index("ruling_replay_keys_content").on(t.communityId, t.contentId).where(sql`${t.contentId} is not null`),
    index("ruling_replay_keys_ruling").on(t.rulingId),
  ],
);
