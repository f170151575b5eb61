/** Requests per second and the burst a key may spend at once. */
export type RateLimit = { per_second: number; burst: number };

type Bucket = { tokens: number; at: number };

/**
 * Tokens taken at once: how many were `granted` (up to what was asked), whole tokens `remaining` after them,
 * seconds until the bucket is full again, and (when none is left) until the next one is.
 */
export type Lease = { granted: number; remaining: number; resetSeconds: number; retryAfterSeconds: number };
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
    const { granted, remaining, resetSeconds, retryAfterSeconds } = this.takeUpTo(keyId, limit, 1);
    if (granted === 1) return { ok: true, remaining, resetSeconds };
    return { ok: false, retryAfterSeconds, remaining: 0, resetSeconds };
  }

  /** Takes up to `want` whole tokens at once (a cluster worker's lease, see entry/cluster-limiter.ts). */
  takeUpTo(keyId: string, limit: RateLimit, want: number): Lease {
    const now = this.now();
    const bucket = this.buckets.get(keyId) ?? { tokens: limit.burst, at: now };
    bucket.tokens = Math.min(limit.burst, bucket.tokens + ((now - bucket.at) / 1000) * limit.per_second);
    bucket.at = now;
    this.buckets.set(keyId, bucket);
    const granted = Math.max(0, Math.min(Math.floor(want), Math.floor(bucket.tokens)));
    bucket.tokens -= granted;
    return {
      granted,
      remaining: Math.floor(bucket.tokens),
      resetSeconds: Math.ceil((limit.burst - bucket.tokens) / limit.per_second),
      retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / limit.per_second)),
    };
  }

  forget(keyId: string): void {
    this.buckets.delete(keyId);
  }
}
