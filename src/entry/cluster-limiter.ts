import { type Lease, type RateLimit, RateLimiter, type RateLimiterPort, type Taken } from "../access/rate-limiter.js";
import type { Logger } from "../lib/logger.js";
import type { PrimaryChannel, PrimaryHandlers } from "./cluster-channel.js";

/** One request's take, waiting for the primary's answer. */
type Waiting = { keyId: string; limit: RateLimit; resolve: (t: Taken) => void };

/** What a worker asks the primary for one key: tokens for its waiting requests, plus stock to keep. */
type LeaseAsk = { keyId: string; limit: RateLimit; want: number };

/** Tokens a worker holds for a key, taken from the primary's bucket and not yet spent. */
type Stock = { tokens: number; expires: number; limit: RateLimit; remaining: number; asking: boolean };

/** The most tokens a worker keeps in stock for a key. */
const MAX_STOCK = 64;
/** How long stock stays usable after its last lease: a quiet key's tokens are dropped, not spent late. */
const STOCK_MS = 1000;

/**
 * How many tokens a worker may hold for a key with `workers` workers: a quarter of the burst shared among them,
 * at most MAX_STOCK; none (every take asks the primary) when that is under 2, so small limits stay exact.
 */
export function stockSize(limit: RateLimit, workers: number): number {
  const share = Math.min(MAX_STOCK, Math.floor(limit.burst / (4 * Math.max(1, workers))));
  return share >= 2 ? share : 0;
}

const sameLimit = (a: RateLimit, b: RateLimit) => a.per_second === b.per_second && a.burst === b.burst;

/**
 * Rate limits across node:cluster workers: the buckets live in the primary, so a key gets its limit plus burst
 * however many workers serve it. Asking the primary for every request (one IPC message per turn of the event
 * loop) put a round trip before every evaluation: counting in the workers instead served ~7% more answers with
 * ~10% less CPU each (docs/performance.md, seventeenth pass). So a worker takes tokens from the primary's
 * bucket in small leases and spends them locally:
 * - a take is answered at once from the worker's stock for the key, when it has a token;
 * - when the stock runs below half, the worker asks for more in the background, one message per turn for
 *   every key it needs;
 * - a take that finds no stock waits for the primary, as before; the takes of one turn go in one message.
 *
 * Every token still comes from the primary's bucket, so over any time a key is never served more than its
 * limit allows. Tokens a worker took and has not spent yet (a quarter of the burst at most, across workers) can
 * be spent a moment after the bucket would have refused them, or be dropped unspent when the key goes quiet
 * for a second. A remaining count is the bucket's at the last lease plus this worker's stock. Should the
 * primary not answer (it is going away), the worker counts locally rather than fail requests.
 */
export class ClusterRateLimiter implements RateLimiterPort {
  private readonly local = new RateLimiter();
  private readonly stocks = new Map<string, Stock>();
  private waiting: Waiting[] = [];
  /** Keys whose stock should be topped up in the next message. */
  private refills: Array<{ keyId: string; limit: RateLimit }> = [];
  private scheduled = false;

  constructor(
    private readonly primary: PrimaryChannel,
    private readonly logger: Logger,
    private readonly workers = 1,
    private readonly now: () => number = Date.now,
  ) {}

  take(keyId: string, limit: RateLimit): Taken | Promise<Taken> {
    const stock = this.stocks.get(keyId);
    if (stock !== undefined && this.usable(stock, limit) >= 1) {
      stock.tokens--;
      if (!stock.asking && stock.tokens < stockSize(limit, this.workers) / 2) {
        stock.asking = true;
        this.refills.push({ keyId, limit });
        this.schedule();
      }
      const remaining = Math.floor(stock.remaining + stock.tokens);
      return { ok: true, remaining, resetSeconds: Math.ceil((limit.burst - remaining) / limit.per_second) };
    }
    return new Promise<Taken>((resolve) => {
      this.waiting.push({ keyId, limit, resolve });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.send();
    });
  }

  /** One message for this turn's takes and refills: per key, a token for each waiting take plus stock. */
  private async send(): Promise<void> {
    const batch = this.waiting;
    const refills = this.refills;
    this.waiting = [];
    this.refills = [];
    const asks = new Map<string, LeaseAsk & { takes: Waiting[] }>();
    const ask = (keyId: string, limit: RateLimit) => {
      let a = asks.get(keyId);
      if (a === undefined) {
        const held = this.usable(this.stocks.get(keyId), limit);
        a = { keyId, limit, want: Math.max(0, stockSize(limit, this.workers) - held), takes: [] };
        asks.set(keyId, a);
      }
      return a;
    };
    for (const w of batch) {
      const a = ask(w.keyId, w.limit);
      a.takes.push(w);
      a.want++;
    }
    for (const r of refills) ask(r.keyId, r.limit);
    const list = [...asks.values()].filter((a) => a.want > 0);
    try {
      const answers = await this.primary.ask<Lease[]>(
        "rate.lease",
        list.map(({ keyId, limit, want }) => ({ keyId, limit, want })),
      );
      for (const [i, a] of list.entries()) this.settle(a, answers[i]);
    } catch (e) {
      this.logger.warn("rate limit counted in this worker: the primary did not answer", {
        error: (e as Error).message,
      });
      for (const a of list) for (const w of a.takes) w.resolve(this.local.take(w.keyId, w.limit));
    } finally {
      for (const a of asks.values()) {
        const stock = this.stocks.get(a.keyId);
        if (stock) stock.asking = false;
      }
    }
  }

  /** Tokens of a key's stock usable now under `limit`: none once it expired or was taken under another limit. */
  private usable(stock: Stock | undefined, limit: RateLimit): number {
    return stock !== undefined && stock.expires > this.now() && sameLimit(stock.limit, limit) ? stock.tokens : 0;
  }

  /** Hands a lease's tokens to the takes that waited for it, in order, and keeps the rest in stock. */
  private settle(a: LeaseAsk & { takes: Waiting[] }, answer: Lease | undefined): void {
    if (answer === undefined) {
      for (const w of a.takes) w.resolve(this.local.take(w.keyId, w.limit));
      return;
    }
    const { granted, remaining, resetSeconds, retryAfterSeconds } = answer;
    const served = Math.min(granted, a.takes.length);
    const left = granted - served;
    const stock = this.stocks.get(a.keyId);
    const held = this.usable(stock, a.limit);
    for (const [i, w] of a.takes.entries())
      w.resolve(
        i < served
          ? // What this request leaves: the bucket's remaining after the lease, plus the tokens still in this worker.
            { ok: true, remaining: remaining + (served - i - 1) + left + held, resetSeconds }
          : { ok: false, retryAfterSeconds, remaining: 0, resetSeconds },
      );
    if (left > 0 || stock !== undefined)
      this.stocks.set(a.keyId, {
        tokens: held + left,
        expires: left > 0 ? this.now() + STOCK_MS : (stock?.expires ?? 0),
        limit: a.limit,
        remaining,
        asking: false,
      });
  }

  forget(keyId: string): void {
    this.local.forget(keyId);
    this.stocks.delete(keyId);
    this.primary.tell("rate.forget", { keyId });
  }
}

/** The primary's half: one set of buckets for every worker; a worker's leases arrive together, in order. */
export function rateLimitHandlers(limiter = new RateLimiter()): PrimaryHandlers {
  return {
    "rate.lease": (q: LeaseAsk[]): Lease[] => q.map((t) => limiter.takeUpTo(t.keyId, t.limit, t.want)),
    "rate.forget": (q: { keyId: string }) => limiter.forget(q.keyId),
  };
}
