import { and, eq, isNull } from "drizzle-orm";
import type { Database } from "../db/client.js";
import { apiKeys } from "../db/schema/index.js";
import { type Principal, type Role, roleSchema } from "../domain/index.js";
import { hashKey, keyIdOf } from "./key-format.js";
import type { RateLimit } from "./rate-limiter.js";

/** A caller whose key checked out, and the rate limit that applies to it (null: none). */
export type Caller = { principal: Principal; rateLimit: RateLimit | null };

const MAX_CACHED = 10_000;

/**
 * Turns an `Authorization: Bearer` header into a caller. Valid keys are
 * cached for `cacheMs` so the hot path does not read the database on every
 * request; a revocation in this process takes effect at once, in other
 * processes within `cacheMs`.
 */
export type KeyMemory = Map<string, { caller: Caller; at: number }>;

export class Authenticator {
  constructor(
    private readonly db: Database,
    private readonly options: {
      /** Hash of MORES_OPERATOR_KEY, when the operator's key comes from configuration. */
      operatorKeyHash?: string;
      defaultRateLimit: RateLimit | null;
      cacheMs: number;
      now?: () => number;
    },
    /** Checked keys by hash; outlives the request on Workers, like the process's on Node. */
    private readonly cache: KeyMemory = new Map(),
  ) {}

  async authenticate(authorization: string | undefined): Promise<Caller | null> {
    const match = authorization ? /^Bearer +(\S+) *$/i.exec(authorization) : null;
    if (!match) return null;
    const key = match[1] as string;
    const hash = hashKey(key);
    if (this.options.operatorKeyHash && hash === this.options.operatorKeyHash) {
      return { principal: { kind: "operator", keyId: "operator", name: "MORES_OPERATOR_KEY" }, rateLimit: null };
    }
    if (!keyIdOf(key)) return null;
    const now = (this.options.now ?? Date.now)();
    const cached = this.cache.get(hash);
    if (cached && now - cached.at < this.options.cacheMs) return cached.caller;
    const caller = await this.lookup(hash);
    if (caller) {
      if (this.cache.size >= MAX_CACHED) this.cache.delete(this.cache.keys().next().value as string);
      this.cache.set(hash, { caller, at: now });
    } else this.cache.delete(hash);
    return caller;
  }

  /** Drops a key from this process's cache: called when it is revoked here. */
  invalidate(keyId: string): void {
    for (const [hash, entry] of this.cache) if (entry.caller.principal.keyId === keyId) this.cache.delete(hash);
  }

  private async lookup(hash: string): Promise<Caller | null> {
    const [row] = await this.db
      .select()
      .from(apiKeys)
      .where(and(eq(apiKeys.secretHash, hash), isNull(apiKeys.revokedAt)));
    if (!row) return null;
    if (row.communityId === null) {
      return row.role === "operator"
        ? { principal: { kind: "operator", keyId: row.id, name: row.name }, rateLimit: null }
        : null;
    }
    const role = roleSchema.safeParse(row.role);
    if (!role.success) return null;
    return {
      principal: { kind: "member", keyId: row.id, name: row.name, community: row.communityId, role: role.data as Role },
      rateLimit: row.rateLimit ?? this.options.defaultRateLimit,
    };
  }
}
