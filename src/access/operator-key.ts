import { and, eq, isNull, ne } from "drizzle-orm";
import type { Database } from "../db/client.js";
import { apiKeys } from "../db/schema/index.js";
import { newId } from "../lib/ids.js";
import { hashKey, newKeySecret } from "./key-format.js";
import { announceRevocation } from "./revocation-notice.js";

const activeOperatorKeys = and(isNull(apiKeys.communityId), eq(apiKeys.role, "operator"), isNull(apiKeys.revokedAt));

/**
 * Without MORES_OPERATOR_KEY, the first start creates an operator key and
 * returns it so the entry point can print it once; later starts find it and
 * return null. Only its hash is stored, so a lost key is replaced by
 * `mores keys rotate-operator` or by setting MORES_OPERATOR_KEY.
 */
export async function ensureOperatorKey(db: Database, now: Date): Promise<string | null> {
  const [existing] = await db.select({ id: apiKeys.id }).from(apiKeys).where(activeOperatorKeys);
  if (existing) return null;
  const id = newId("key", now.getTime());
  const key = newKeySecret(id);
  await installOperatorKey(db, { id, key, name: "operator (generated at first start)", createdBy: "mores" }, now);
  return key;
}

/** A new generated operator key that replaces every other one: `mores keys rotate-operator`. */
export async function rotateOperatorKey(db: Database, now: Date): Promise<{ key: string; revoked: string[] }> {
  const id = newId("key", now.getTime());
  const key = newKeySecret(id);
  const revoked = await installOperatorKey(db, { id, key, name: "operator (rotated)", createdBy: "mores keys" }, now);
  return { key, revoked };
}

/**
 * MORES_OPERATOR_KEY at start: recorded (as a hash) as the operator key,
 * revoking the one it replaces — a generated key or a previous
 * MORES_OPERATOR_KEY — so changing the variable retires the old secret.
 * A key that was already revoked (rotated away) stays revoked: returns
 * "revoked" so the caller can warn, never resurrects it.
 */
export async function adoptOperatorKey(db: Database, key: string, now: Date): Promise<"kept" | "adopted" | "revoked"> {
  const [row] = await db
    .select({ revokedAt: apiKeys.revokedAt })
    .from(apiKeys)
    .where(eq(apiKeys.secretHash, hashKey(key)));
  if (row) return row.revokedAt ? "revoked" : "kept";
  const id = newId("key", now.getTime());
  await installOperatorKey(
    db,
    { id, key, name: "operator (MORES_OPERATOR_KEY)", createdBy: "MORES_OPERATOR_KEY" },
    now,
  );
  return "adopted";
}

/**
 * Records `key` as the operator key and revokes every other active operator
 * key in the same transaction, announcing the revocations. Processes starting
 * together may both try: the secret's unique index lets one row win.
 * Returns the revoked ids (none when another process installed it first).
 */
async function installOperatorKey(
  db: Database,
  { key, ...row }: { id: string; key: string; name: string; createdBy: string },
  now: Date,
): Promise<string[]> {
  const secretHash = hashKey(key);
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(apiKeys)
      .values({ ...row, communityId: null, role: "operator", secretHash, createdAt: now })
      .onConflictDoNothing()
      .returning({ id: apiKeys.id });
    if (inserted.length === 0) return [];
    const revoked = await tx
      .update(apiKeys)
      .set({ revokedAt: now })
      .where(and(activeOperatorKeys, ne(apiKeys.secretHash, secretHash)))
      .returning({ id: apiKeys.id });
    const ids = revoked.map((r) => r.id);
    await announceRevocation(tx, ids);
    return ids;
  });
}
