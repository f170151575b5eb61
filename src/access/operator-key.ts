import { and, eq, isNull } from "drizzle-orm";
import type { Database } from "../db/client.js";
import { apiKeys } from "../db/schema/index.js";
import { newId } from "../lib/ids.js";
import { hashKey, newKeySecret } from "./key-format.js";

/**
 * Without MORES_OPERATOR_KEY, the first start creates an operator key and
 * returns it so the entry point can print it once; later starts find it and
 * return null. Only its hash is stored, so a lost key is replaced by setting
 * MORES_OPERATOR_KEY.
 */
export async function ensureOperatorKey(db: Database, now: Date): Promise<string | null> {
  const [existing] = await db
    .select({ id: apiKeys.id })
    .from(apiKeys)
    .where(and(isNull(apiKeys.communityId), eq(apiKeys.role, "operator"), isNull(apiKeys.revokedAt)));
  if (existing) return null;
  const id = newId("key", now.getTime());
  const key = newKeySecret(id);
  await db.insert(apiKeys).values({
    id,
    communityId: null,
    role: "operator",
    name: "operator (generated at first start)",
    secretHash: hashKey(key),
    createdBy: "mores",
    createdAt: now,
  });
  return key;
}
