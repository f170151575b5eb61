import { integer, jsonb, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { timestamptz } from "./columns.js";
import { communities } from "./communities.js";

/**
 * A norm-set version: the whole set of norms, lexicons, groups and patterns
 * that was in force from `created_at`. Immutable once written (a trigger
 * rejects UPDATE and DELETE); the current version is the highest.
 */
export const normSets = pgTable(
  "norm_sets",
  {
    communityId: text("community_id")
      .notNull()
      .references(() => communities.id),
    version: integer("version").notNull(),
    manifest: jsonb("manifest").notNull(),
    groups: jsonb("groups").notNull(),
    patterns: jsonb("patterns").notNull(),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
    createdBy: text("created_by").notNull(),
    process: text("process").notNull(),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.version] })],
);

/**
 * An immutable version of one pack item — a norm or a lexicon. A new version
 * is written only when the item's content changes, so `slurs@1` stays the
 * same text for as long as rulings cite it.
 */
export const packItems = pgTable(
  "pack_items",
  {
    communityId: text("community_id")
      .notNull()
      .references(() => communities.id),
    kind: text("kind", { enum: ["norm", "lexicon"] }).notNull(),
    itemId: text("item_id").notNull(),
    version: integer("version").notNull(),
    body: jsonb("body").notNull(),
    hash: text("hash").notNull(),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.kind, t.itemId, t.version] })],
);

/** Which item versions make up a norm-set version. */
export const normSetItems = pgTable(
  "norm_set_items",
  {
    communityId: text("community_id").notNull(),
    setVersion: integer("set_version").notNull(),
    kind: text("kind", { enum: ["norm", "lexicon"] }).notNull(),
    itemId: text("item_id").notNull(),
    itemVersion: integer("item_version").notNull(),
    position: integer("position").notNull(),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.setVersion, t.kind, t.itemId] })],
);
