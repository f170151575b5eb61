/** Requests per second and the burst a key may spend at once. */
export type RateLimit = { per_second: number; burst: number };

type Bucket = { tokens: number; at: number };
export type BucketMemory = Map<string, Bucket>;

/**
 * What a take leaves: whole requests still allowed now, and seconds until
 * the bucket is full again (the RateLimit header's `r` and `t`). A refusal
 * also says when the next request will be allowed.
 */
export type Taken =
  | { ok: true; remaining: number; resetSeconds: number }
  | { ok: false; retryAfterSeconds: number; remaining: 0; resetSeconds: number };

/**
 * Where a key's requests are counted: this process's buckets, or (with
 * several Node workers) the cluster primary's, so a limit holds however
 * many processes serve the key.
 */
export interface RateLimiterPort {
  take(keyId: string, limit: RateLimit): Taken | Promise<Taken>;
  /** Forget a key, e.g. once it is revoked. */
  forget(keyId: string): void;
}

/** Token buckets per key, in this process (or Workers isolate). */
export class RateLimiter implements RateLimiterPort {
  constructor(
    private readonly now: () => number = Date.now,
    private readonly buckets: BucketMemory = new Map(),
  ) {}

  /** Takes one token; when none is left, says how many seconds until one is. */
  take(keyId: string, limit: RateLimit): Taken {
    const now = this.now();
    const bucket = this.buckets.get(keyId) ?? { tokens: limit.burst, at: now };
    bucket.tokens = Math.min(limit.burst, bucket.tokens + ((now - bucket.at) / 1000) * limit.per_second);
    bucket.at = now;
    this.buckets.set(keyId, bucket);
    const ok = bucket.tokens >= 1;
    if (ok) bucket.tokens -= 1;
    const resetSeconds = Math.ceil((limit.burst - bucket.tokens) / limit.per_second);
    if (ok) return { ok, remaining: Math.floor(bucket.tokens), resetSeconds };
    return {
      ok,
      retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / limit.per_second)),
      remaining: 0,
      resetSeconds,
    };
  }

  forget(keyId: string): void {
    this.buckets.delete(keyId);
  }
}
