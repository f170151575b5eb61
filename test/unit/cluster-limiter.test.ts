import { describe, expect, it } from "vitest";
import { RateLimiter } from "../../src/access/rate-limiter.js";
import type { PrimaryChannel } from "../../src/entry/cluster-channel.js";
import { ClusterRateLimiter, rateLimitHandlers, stockSize } from "../../src/entry/cluster-limiter.js";
import { createLogger } from "../../src/lib/logger.js";

/** A primary in this process: the real handlers, every message kept, or one that never answers. */
function primary(options: { down?: boolean; now?: () => number } = {}) {
  const handlers = rateLimitHandlers(new RateLimiter(options.now ?? (() => 0)));
  const messages: Array<{ type: string; body: unknown }> = [];
  const channel = {
    ask: async (type: string, body: unknown) => {
      messages.push({ type, body });
      if (options.down) throw new Error("the cluster primary did not answer");
      return (handlers[type] as (b: unknown) => unknown)(body);
    },
    tell: (type: string, body: unknown) => void messages.push({ type, body }),
  };
  return { channel: channel as unknown as PrimaryChannel, messages };
}

const limit = { per_second: 1, burst: 3 };

describe("rate limits counted by the cluster primary", () => {
  it("takes made together reach the primary as one message, in order, and each request gets its own answer", async () => {
    const { channel, messages } = primary();
    const limiter = new ClusterRateLimiter(channel, createLogger("silent"));
    const answers = await Promise.all(Array.from({ length: 5 }, () => limiter.take("key_a", limit)));
    expect(messages).toHaveLength(1);
    expect(answers.map((a) => a.ok)).toEqual([true, true, true, false, false]);
    expect(answers.map((a) => a.remaining)).toEqual([2, 1, 0, 0, 0]);
  });

  it("takes of later turns are later messages against the same buckets", async () => {
    const { channel, messages } = primary();
    const limiter = new ClusterRateLimiter(channel, createLogger("silent"));
    await Promise.all([limiter.take("key_a", limit), limiter.take("key_b", limit)]);
    const third = await limiter.take("key_a", limit);
    expect(messages).toHaveLength(2);
    expect(third).toMatchObject({ ok: true, remaining: 1 });
  });

  it("counts in the worker when the primary does not answer, rather than fail the requests", async () => {
    const { channel } = primary({ down: true });
    const limiter = new ClusterRateLimiter(channel, createLogger("silent"));
    const answers = await Promise.all(Array.from({ length: 4 }, () => limiter.take("key_a", limit)));
    expect(answers.map((a) => a.ok)).toEqual([true, true, true, false]);
  });
});

/** Takes one per turn of the event loop, as requests spread over time arrive; the answers in order. */
async function takeInTurns(limiter: ClusterRateLimiter, n: number, key = "key_a", l = limit) {
  const answers = [];
  for (let i = 0; i < n; i++) {
    answers.push(await limiter.take(key, l));
    await new Promise((r) => setImmediate(r));
  }
  return answers;
}

describe("rate-limit tokens leased to workers", () => {
  const large = { per_second: 100, burst: 200 };

  it("sizes a worker's stock as a quarter of the burst shared among workers, none for small limits", () => {
    expect(stockSize(large, 2)).toBe(25);
    expect(stockSize(large, 1)).toBe(50);
    expect(stockSize({ per_second: 1_000_000, burst: 2_000_000 }, 2)).toBe(64);
    expect(stockSize(limit, 1)).toBe(0);
    expect(stockSize({ per_second: 5, burst: 10 }, 2)).toBe(0);
  });

  it("answers most takes from the worker's stock: a message per lease, not per turn", async () => {
    const { channel, messages } = primary();
    const limiter = new ClusterRateLimiter(channel, createLogger("silent"), 2);
    const answers = await takeInTurns(limiter, 100, "key_a", large);
    expect(answers.every((a) => a.ok)).toBe(true);
    // One lease for the first take and its stock of 25, then a refill each time the stock falls below half.
    expect(messages.length).toBeGreaterThan(1);
    expect(messages.length).toBeLessThanOrEqual(100 / 12 + 2);
    // The remaining count goes down as tokens are spent (the bucket is not refilling: the clock stands still).
    const remaining = answers.map((a) => a.remaining);
    expect(remaining[0]).toBe(199);
    expect(remaining[99]).toBeLessThan(remaining[0] as number);
    expect(remaining.every((r, i) => i === 0 || r <= (remaining[i - 1] as number))).toBe(true);
  });

  it("never serves two workers more than the bucket holds: tokens only come from the primary", async () => {
    const { channel } = primary();
    const limited = { per_second: 1, burst: 40 };
    const workers = [0, 1].map(() => new ClusterRateLimiter(channel, createLogger("silent"), 2));
    let ok = 0;
    for (let i = 0; i < 100; i++) {
      const worker = workers[i % 2] as ClusterRateLimiter;
      if ((await worker.take("key_a", limited)).ok) ok++;
      await new Promise((r) => setImmediate(r));
    }
    // 40 tokens, the clock standing still: at most 40 served, and at most the two stocks (5 each) left unspent.
    expect(ok).toBeLessThanOrEqual(40);
    expect(ok).toBeGreaterThanOrEqual(40 - 2 * stockSize(limited, 2));
  });

  it("refuses with the bucket's retry time once the primary grants nothing", async () => {
    const { channel } = primary();
    const limiter = new ClusterRateLimiter(channel, createLogger("silent"), 2);
    const small = { per_second: 2, burst: 20 };
    const answers = await takeInTurns(limiter, 25, "key_a", small);
    const refused = answers.filter((a) => !a.ok);
    expect(refused.length).toBeGreaterThanOrEqual(5);
    expect(refused[0]).toMatchObject({ ok: false, remaining: 0, retryAfterSeconds: 1 });
  });

  it("drops stock a quiet key left for a second, and asks the primary again", async () => {
    let now = 0;
    const { channel, messages } = primary({ now: () => now });
    const limiter = new ClusterRateLimiter(channel, createLogger("silent"), 2, () => now);
    await limiter.take("key_a", large);
    expect(messages).toHaveLength(1);
    // Within the second, the stock answers; past it, the stock is gone and the take waits for a new lease.
    expect(limiter.take("key_a", large)).toMatchObject({ ok: true });
    now = 1500;
    const later = limiter.take("key_a", large);
    expect(later).toBeInstanceOf(Promise);
    await later;
    expect(messages).toHaveLength(2);
  });

  it("does not spend stock taken under another limit (the key's limit changed)", async () => {
    const { channel, messages } = primary();
    const limiter = new ClusterRateLimiter(channel, createLogger("silent"), 2);
    await limiter.take("key_a", large);
    const tighter = { per_second: 1, burst: 4 };
    const answer = limiter.take("key_a", tighter);
    expect(answer).toBeInstanceOf(Promise);
    expect(await answer).toMatchObject({ ok: true });
    expect(messages).toHaveLength(2);
  });
});
