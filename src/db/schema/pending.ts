import { index, jsonb, pgTable, text } from "drizzle-orm/pg-core";
import type { EvaluationRequest } from "../../domain/index.js";
import { timestamptz } from "./columns.js";
import { rulings } from "./rulings.js";

/**
 * A provisional ruling's judgment still to come: written in the same statement
 * as the ruling, deleted in the same transaction as the ruling that supersedes
 * it, so a process that dies in between loses nothing — another one (or the
 * next start) claims the row once its lease has run out and asks the model
 * again. It holds the request, text included even when the community keeps
 * only hashes, for exactly as long as the judgment is pending.
 */
export const pendingJudgments = pgTable(
  "pending_judgments",
  {
    rulingId: text("ruling_id")
      .primaryKey()
      .references(() => rulings.id),
    communityId: text("community_id").notNull(),
    request: jsonb("request").$type<EvaluationRequest>().notNull(),
    /** Whoever holds the lease works on it; the token proves it when the final ruling is written. */
    leaseToken: text("lease_token").notNull(),
    leaseUntil: timestamptz("lease_until").notNull(),
    createdAt: timestamptz("created_at").notNull(),
  },
  (t) => [index("pending_judgments_lease").on(t.leaseUntil)],
);
