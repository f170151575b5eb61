import { index, jsonb, pgTable, text } from "drizzle-orm/pg-core";
import { timestamptz } from "./columns.js";
import { communities } from "./communities.js";

/**
 * Scores a platform suggested for content (Perspective's
 * `comments:suggestscore`): feedback for moderators, shown beside the
 * rulings of the same content (by its hash) in the review queue. Never
 * changes a ruling by itself; only the text's hash is kept.
 */
export const scoreSuggestions = pgTable(
  "score_suggestions",
  {
    id: text("id").primaryKey(),
    communityId: text("community_id")
      .notNull()
      .references(() => communities.id),
    contentHash: text("content_hash").notNull(),
    /** The suggested summary scores, by attribute: `{ "TOXICITY": 0.9 }`. */
    scores: jsonb("scores").$type<Record<string, number>>().notNull(),
    clientToken: text("client_token"),
    /** Which key suggested it. */
    keyId: text("key_id").notNull(),
    createdAt: timestamptz("created_at").notNull(),
  },
  (t) => [index("score_suggestions_content").on(t.communityId, t.contentHash, t.createdAt)],
);
