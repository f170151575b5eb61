import { jsonb, pgTable, text } from "drizzle-orm/pg-core";
import { timestamptz } from "./columns.js";

/** Per-community settings; defaults live in domain/community.ts. */
export type CommunitySettingsRow = Record<string, unknown>;

/** A tenant: owns norm sets, rulings and everything else. Nothing crosses between communities. */
export const communities = pgTable("communities", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  settings: jsonb("settings").$type<CommunitySettingsRow>().notNull().default({}),
  createdAt: timestamptz("created_at").notNull().defaultNow(),
});
