import { and, eq, isNull } from "drizzle-orm";
import type { Database } from "../db/client.js";
import { apiKeys } from "../db/schema/index.js";

/**
 * Writes a key's `last_used_at`, after the answer (in the background): the
 * Authenticator calls it at most once a minute per key, so a busy key costs
 * one small UPDATE a minute per process, never one per request. A key
 * revoked meanwhile is left as it is (the database allows no change to it).
 */
export const recordKeyUse = (db: Database) => async (keyId: string, at: Date) => {
  await db
    .update(apiKeys)
    .set({ lastUsedAt: at })
    .where(and(eq(apiKeys.id, keyId), isNull(apiKeys.revokedAt)));
};
