import { eq } from "drizzle-orm";
import type { Database } from "../db/client.js";
import { apiKeys } from "../db/schema/index.js";
import { type Principal, type Role, roleSchema } from "../domain/index.js";
import { hashKey, keyIdOf } from "./key-format.js";
import type { RateLimit } from "./rate-limiter.js";

/** A caller whose key checked out, and the rate limit that applies to it (null: none). */
export type Caller = { principal: Principal; rateLimit: RateLimit | null };

const MAX_CACHED = 10_000;
const OPERATOR_FROM_BINDING: Caller = {
  principal: { kind: "operator", keyId: "operator", name: "MORES_OPERATOR_KEY" },
  rateLimit: null,
};
/** MORES_OPERATOR_KEY's minimum length (src/config/config.ts). */
const MIN_OPERATOR_KEY_LENGTH = 16;
/** How often one process records a key's `last_used_at`: often enough to tell stale keys, cheap enough to ignore. */
const USE_RECORDED_EVERY_MS = 60_000;

/**
 * Turns an `Authorization: Bearer` header into a caller. Valid keys are
 * cached for `cacheMs` so the hot path does not read the database on every
 * request; a revocation takes effect at once in the process that made it,
 * and in the others as soon as they hear of it (`invalidate`, called on
 * PostgreSQL's revocation notice), else within `cacheMs`.
 */
export type KeyMemory = Map<string, { caller: Caller; at: number; usedAt?: number }>;

export class Authenticator {
  /** Keys heard to be revoked: a lookup that raced the revocation must not cache them again. */
  private readonly revoked = new Set<string>();

  constructor(
    private readonly db: Database,
    private readonly options: {
      /**
       * Hash of a Worker's MORES_OPERATOR_KEY binding, accepted without a lookup. Node passes none: it records
       * MORES_OPERATOR_KEY in the database at start, where rotation can revoke it.
       */
      operatorKeyHash?: string;
      defaultRateLimit: RateLimit | null;
      cacheMs: number;
      now?: () => number;
      /** Records that a key was used (its `last_used_at`); called at most once a minute per key. */
      recordUse?: (keyId: string, at: Date) => void;
    },
    /** Checked keys by hash; outlives the request on Workers, like the process's on Node. */
    private readonly cache: KeyMemory = new Map(),
  ) {}

  async authenticate(authorization: string | undefined): Promise<Caller | null> {
    const match = authorization ? /^Bearer +(\S+) *$/i.exec(authorization) : null;
    if (!match) return null;
    const key = match[1] as string;
    const hash = hashKey(key);
    // A Worker's MORES_OPERATOR_KEY binding is trusted as it stands (change the secret to change it).
    if (hash === this.options.operatorKeyHash) return OPERATOR_FROM_BINDING;
    // Generated keys have their shape; an operator key from MORES_OPERATOR_KEY (now or before) any of 16+ characters.
    if (!keyIdOf(key) && key.length < MIN_OPERATOR_KEY_LENGTH) return null;
    const now = (this.options.now ?? Date.now)();
    const cached = this.cache.get(hash);
    let caller = cached && now - cached.at < this.options.cacheMs ? cached.caller : await this.lookup(hash);
    if (caller && this.revoked.has(caller.principal.keyId)) caller = null;
    if (caller && caller !== cached?.caller) {
      if (this.cache.size >= MAX_CACHED) this.cache.delete(this.cache.keys().next().value as string);
      // Read again after the lookup: a concurrent request may have recorded the use meanwhile.
      const usedAt = this.cache.get(hash)?.usedAt;
      this.cache.set(hash, { caller, at: now, ...(usedAt === undefined ? {} : { usedAt }) });
    } else if (!caller) this.cache.delete(hash);
    const entry = this.cache.get(hash);
    if (caller && entry) this.noteUse(caller.principal.keyId, entry, now);
    return caller;
  }

  /** Forgets a revoked key in this process at once: called where it is revoked and on every revocation notice. */
  invalidate(keyId: string): void {
    if (this.revoked.size >= MAX_CACHED) this.revoked.clear();
    this.revoked.add(keyId);
    for (const [hash, entry] of this.cache) if (entry.caller.principal.keyId === keyId) this.cache.delete(hash);
  }

  /** Kept on the cache entry, which outlives the request (a Worker builds an Authenticator per request). */
  private noteUse(keyId: string, entry: { usedAt?: number }, now: number): void {
    const { recordUse } = this.options;
    if (!recordUse || keyId === "operator") return;
    if (entry.usedAt !== undefined && now - entry.usedAt < USE_RECORDED_EVERY_MS) return;
    entry.usedAt = now;
    recordUse(keyId, new Date(now));
  }

  private async lookup(hash: string): Promise<Caller | null> {
    const [row] = await this.db.select().from(apiKeys).where(eq(apiKeys.secretHash, hash));
    if (!row || row.revokedAt) return null;
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
