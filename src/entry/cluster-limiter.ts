import { type RateLimit, RateLimiter, type RateLimiterPort, type Taken } from "../access/rate-limiter.js";
import type { Logger } from "../lib/logger.js";
import type { PrimaryChannel, PrimaryHandlers } from "./cluster-channel.js";

/** One request's take, waiting for the primary's answer. */
type Waiting = { keyId: string; limit: RateLimit; resolve: (t: Taken) => void };

/**
 * Rate limits across node:cluster workers: the buckets live in the primary,
 * and every worker takes its tokens there, so a key gets its limit plus burst
 * however many workers serve it. The takes of one turn of the event loop go
 * in one IPC message (one round trip, ~0.1 ms): a message per request cost a
 * worker ~8% of its CPU under load, in serialisation and writes. The primary
 * takes them in order, as it would one by one. Should the primary not answer
 * (it is going away), the worker counts locally rather than fail requests.
 */
export class ClusterRateLimiter implements RateLimiterPort {
  private readonly local = new RateLimiter();
  private waiting: Waiting[] = [];

  constructor(
    private readonly primary: PrimaryChannel,
    private readonly logger: Logger,
  ) {}

  take(keyId: string, limit: RateLimit): Promise<Taken> {
    return new Promise<Taken>((resolve) => {
      this.waiting.push({ keyId, limit, resolve });
      if (this.waiting.length === 1) setImmediate(() => void this.send());
    });
  }

  private async send(): Promise<void> {
    const batch = this.waiting;
    this.waiting = [];
    try {
      const taken = await this.primary.ask<Taken[]>(
        "rate.take",
        batch.map(({ keyId, limit }) => ({ keyId, limit })),
      );
      for (const [i, w] of batch.entries()) w.resolve(taken[i] ?? this.local.take(w.keyId, w.limit));
    } catch (e) {
      this.logger.warn("rate limit counted in this worker: the primary did not answer", {
        error: (e as Error).message,
      });
      for (const w of batch) w.resolve(this.local.take(w.keyId, w.limit));
    }
  }

  forget(keyId: string): void {
    this.local.forget(keyId);
    this.primary.tell("rate.forget", { keyId });
  }
}

/** The primary's half: one set of buckets for every worker; a worker's takes arrive together, in order. */
export function rateLimitHandlers(limiter = new RateLimiter()): PrimaryHandlers {
  return {
    "rate.take": (q: Array<{ keyId: string; limit: RateLimit }>) => q.map((t) => limiter.take(t.keyId, t.limit)),
    "rate.forget": (q: { keyId: string }) => limiter.forget(q.keyId),
  };
}
