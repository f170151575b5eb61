import { sql } from "drizzle-orm";
import type { Database, Transaction } from "../db/client.js";

/** The PostgreSQL channel every Node process listens on for revoked key ids. */
export const REVOCATION_CHANNEL = "mores_key_revoked";

/**
 * Tells every process that a key is revoked. Called inside the revoking
 * transaction: PostgreSQL delivers the notice only when it commits, so no
 * process forgets a key that stays valid. Other processes drop it from
 * their key cache at once instead of after MORES_KEY_CACHE_MS.
 */
export async function announceRevocation(tx: Database | Transaction, keyIds: readonly string[]): Promise<void> {
  for (const id of keyIds) await tx.execute(sql`select pg_notify(${REVOCATION_CHANNEL}, ${id})`);
}
