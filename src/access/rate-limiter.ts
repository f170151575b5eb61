/** Requests per second and the burst a key may spend at once. */
export type RateLimit = { per_second: number; burst: number };

type Bucket = { tokens: number; at: number };
export type BucketMemory = Map<string, Bucket>;

/**
 * Token buckets per key, in this process (or Workers isolate). With several
 * processes each keeps its own buckets, so a key's ceiling is the limit times
 * the number of processes; the README says so.
 */
export class RateLimiter {
  constructor(
    private readonly now: () => number = Date.now,
    private readonly buckets: BucketMemory = new Map(),
  ) {}

  /** Takes one token; when none is left, says how many seconds until one is. */
  take(keyId: string, limit: RateLimit): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const now = this.now();
    const bucket = this.buckets.get(keyId) ?? { tokens: limit.burst, at: now };
    bucket.tokens = Math.min(limit.burst, bucket.tokens + ((now - bucket.at) / 1000) * limit.per_second);
    bucket.at = now;
    this.buckets.set(keyId, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / limit.per_second)) };
  }

  /** Forget a key, e.g. once it is revoked. */
  forget(keyId: string): void {
    this.buckets.delete(keyId);
  }
}
