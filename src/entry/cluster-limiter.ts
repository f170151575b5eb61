import { type RateLimit, RateLimiter, type RateLimiterPort, type Taken } from "../access/rate-limiter.js";
import type { Logger } from "../lib/logger.js";
import type { PrimaryChannel, PrimaryHandlers } from "./cluster-channel.js";

/**
 * Rate limits across node:cluster workers: the buckets live in the primary,
 * and every worker takes its tokens there (one IPC round trip, ~0.1 ms), so
 * a key gets its limit plus burst however many workers serve it. Should the
 * primary not answer (it is going away), the worker counts locally rather
 * than fail requests.
 */
export class ClusterRateLimiter implements RateLimiterPort {
  private readonly local = new RateLimiter();

  constructor(
    private readonly primary: PrimaryChannel,
    private readonly logger: Logger,
  ) {}

  async take(keyId: string, limit: RateLimit): Promise<Taken> {
    try {
      return await this.primary.ask<Taken>("rate.take", { keyId, limit });
    } catch (e) {
      this.logger.warn("rate limit counted in this worker: the primary did not answer", {
        error: (e as Error).message,
      });
      return this.local.take(keyId, limit);
    }
  }

  forget(keyId: string): void {
    this.local.forget(keyId);
    this.primary.tell("rate.forget", { keyId });
  }
}

/** The primary's half: one set of buckets for every worker. */
export function rateLimitHandlers(limiter = new RateLimiter()): PrimaryHandlers {
  return {
    "rate.take": (q: { keyId: string; limit: RateLimit }) => limiter.take(q.keyId, q.limit),
    "rate.forget": (q: { keyId: string }) => limiter.forget(q.keyId),
  };
}
