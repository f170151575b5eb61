import { and, desc, eq, isNull } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit.js";
import type { Services } from "../context.js";
import { apiKeys } from "../db/schema/index.js";
import { MoresError, type Principal, type Role } from "../domain/index.js";
import { newId } from "../lib/ids.js";
import { hashKey, newKeySecret } from "./key-format.js";
import type { RateLimit } from "./rate-limiter.js";
import { announceRevocation } from "./revocation-notice.js";

export type KeyView = {
  id: string;
  role: Role;
  name: string | null;
  rate_limit: RateLimit | null;
  created_at: string;
  created_by: string;
  revoked_at: string | null;
  /** When the key last authenticated a request (to the minute); null if never. */
  last_used_at: string | null;
};

const view = (r: typeof apiKeys.$inferSelect): KeyView => ({
  id: r.id,
  role: r.role as Role,
  name: r.name,
  rate_limit: r.rateLimit ?? null,
  created_at: r.createdAt.toISOString(),
  created_by: r.createdBy,
  revoked_at: r.revokedAt?.toISOString() ?? null,
  last_used_at: r.lastUsedAt?.toISOString() ?? null,
});

/** Creates a key of a community. The key is in the answer once and nowhere else: only its hash is kept. */
export async function createKey(
  ctx: Services,
  community: string,
  input: { role: Role; name?: string; rate_limit?: { per_second: number; burst?: number } },
  actor: Principal,
): Promise<KeyView & { key: string }> {
  const now = ctx.clock();
  const id = newId("key", now.getTime());
  const key = newKeySecret(id);
  const rateLimit = input.rate_limit
    ? {
        per_second: input.rate_limit.per_second,
        burst: input.rate_limit.burst ?? Math.ceil(input.rate_limit.per_second),
      }
    : null;
  const row = await ctx.db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(apiKeys)
      .values({
        id,
        communityId: community,
        role: input.role,
        name: input.name ?? null,
        secretHash: hashKey(key),
        rateLimit,
        createdBy: actor.keyId,
        createdAt: now,
      })
      .returning();
    await recordAudit(tx, {
      community,
      action: "key.created",
      actor,
      target: id,
      detail: { role: input.role, name: input.name ?? null },
      at: now,
    });
    return inserted as typeof apiKeys.$inferSelect;
  });
  return { ...view(row), key };
}

export async function listKeys(ctx: Services, community: string): Promise<{ data: KeyView[] }> {
  const rows = await ctx.db
    .select()
    .from(apiKeys)
    .where(eq(apiKeys.communityId, community))
    .orderBy(desc(apiKeys.createdAt));
  return { data: rows.map(view) };
}

/** Revokes a key for good. Revoking a revoked key answers as if it were unknown: there is nothing left to do. */
export async function revokeKey(ctx: Services, community: string, keyId: string, actor: Principal): Promise<KeyView> {
  const now = ctx.clock();
  const row = await ctx.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(apiKeys)
      .set({ revokedAt: now })
      .where(and(eq(apiKeys.id, keyId), eq(apiKeys.communityId, community), isNull(apiKeys.revokedAt)))
      .returning();
    if (!updated) throw new MoresError("key_not_found", `no active key ${keyId} in community "${community}"`);
    await recordAudit(tx, { community, action: "key.revoked", actor, target: keyId, at: now });
    await announceRevocation(tx, [keyId]);
    return updated;
  });
  ctx.auth.invalidate(keyId);
  ctx.limiter.forget(keyId);
  return view(row);
}
