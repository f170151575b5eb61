import { describe, expect, it } from "vitest";
import { RateLimiter } from "../../src/access/rate-limiter.js";
import type { PrimaryChannel } from "../../src/entry/cluster-channel.js";
import { ClusterRateLimiter, rateLimitHandlers } from "../../src/entry/cluster-limiter.js";
import { createLogger } from "../../src/lib/logger.js";

/** A primary in this process: the real handlers, every message kept, or one that never answers. */
function primary(options: { down?: boolean } = {}) {
  const handlers = rateLimitHandlers(new RateLimiter(() => 0));
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
