import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import { timestamptz } from "./columns.js";
import { communities } from "./communities.js";

/**
 * API keys. Only a SHA-256 of each key is stored: the key itself is shown
 * once, at creation. `community_id` is null only for the operator's key.
 * Revocation is the one change a row ever sees.
 */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: text("id").primaryKey(),
    communityId: text("community_id").references(() => communities.id),
    role: text("role").notNull(),
    name: text("name"),
    secretHash: text("secret_hash").notNull(),
    /** Requests per second and burst for this key; null takes the service's default. */
    rateLimit: jsonb("rate_limit").$type<{ per_second: number; burst: number } | null>(),
    createdBy: text("created_by").notNull(),
    createdAt: timestamptz("created_at").notNull(),
    revokedAt: timestamptz("revoked_at"),
    /** When the key last authenticated a request, written at most once a minute per process. */
    lastUsedAt: timestamptz("last_used_at"),
  },
  (t) => [
    uniqueIndex("api_keys_secret_hash").on(t.secretHash),
    index("api_keys_community").on(t.communityId, t.createdAt),
  ],
);

/**
 * Who did what, when: key and settings changes, proposals and their
 * approvals and adoption. Append-only (a trigger rejects changes). A
 * proposal's status is derived from its events here, never stored.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: text("id").primaryKey(),
    communityId: text("community_id")
      .notNull()
      .references(() => communities.id),
    action: text("action").notNull(),
    /** The key that acted, and its role then. Never the key itself. */
    actorKey: text("actor_key").notNull(),
    actorRole: text("actor_role").notNull(),
    actorName: text("actor_name"),
    target: text("target"),
    detail: jsonb("detail").notNull().default({}),
    createdAt: timestamptz("created_at").notNull(),
  },
  (t) => [index("audit_events_community").on(t.communityId, t.id), index("audit_events_target").on(t.target, t.id)],
);

/** A proposed next norm set: immutable once submitted, with the report computed then. */
export const proposals = pgTable(
  "proposals",
  {
    id: text("id").primaryKey(),
    communityId: text("community_id")
      .notNull()
      .references(() => communities.id),
    /** The norm-set version the proposal was made against; adoption requires it still to be in force. */
    baseVersion: integer("base_version").notNull(),
    kind: text("kind").notNull(),
    title: text("title").notNull(),
    description: text("description"),
    pack: jsonb("pack").notNull(),
    report: jsonb("report").notNull(),
    adoptable: boolean("adoptable").notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: timestamptz("created_at").notNull(),
  },
  (t) => [index("proposals_community").on(t.communityId, t.id)],
);

/** One live request evaluated in shadow under a proposal: the decision in force and the proposal's. */
export const shadowResults = pgTable(
  "shadow_results",
  {
    proposalId: text("proposal_id")
      .notNull()
      .references(() => proposals.id),
    rulingId: text("ruling_id").notNull(),
    communityId: text("community_id").notNull(),
    live: text("live").notNull(),
    shadow: text("shadow").notNull(),
    differs: boolean("differs").notNull(),
    norms: jsonb("norms").notNull(),
    createdAt: timestamptz("created_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.proposalId, t.rulingId] }),
    index("shadow_results_differs").on(t.proposalId, t.differs).where(sql`${t.differs}`),
  ],
);
