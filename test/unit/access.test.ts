import { describe, expect, it } from "vitest";
import { hashKey, keyIdOf, newKeySecret } from "../../src/access/key-format.js";
import { RateLimiter } from "../../src/access/rate-limiter.js";
import { newId } from "../../src/lib/ids.js";

describe("API keys", () => {
  it("carry their id, differ every time, and hash to something that contains neither", () => {
    const id = newId("key");
    const [k1, k2] = [newKeySecret(id), newKeySecret(id)];
    expect(keyIdOf(k1)).toBe(id);
    expect(k1).not.toBe(k2);
    expect(hashKey(k1)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashKey(k1)).not.toBe(hashKey(k2));
  });

  it("anything not shaped like a key is rejected before any lookup", () => {
    const good = newKeySecret(newId("key"));
    for (const bad of ["", "mores_", good.slice(0, -1), `${good}x`, good.replace("mores_", "moris_"), ` ${good}`])
      expect(keyIdOf(bad), bad).toBeNull();
  });
});

describe("rate limiter", () => {
  it("spends the burst, then refills at the rate, and says how long to wait", () => {
    let now = 0;
    const limiter = new RateLimiter(() => now);
    const limit = { per_second: 2, burst: 3 };
    expect([1, 2, 3, 4].map(() => limiter.take("k", limit).ok)).toEqual([true, true, true, false]);
    expect(limiter.take("k", limit)).toMatchObject({ ok: false, retryAfterSeconds: 1, remaining: 0 });
    now += 500; // half a second refills one token
    expect(limiter.take("k", limit).ok).toBe(true);
    expect(limiter.take("k", limit).ok).toBe(false);
    now += 60_000; // never more than the burst
    expect([1, 2, 3, 4].map(() => limiter.take("k", limit).ok)).toEqual([true, true, true, false]);
  });

  it("keeps a bucket per key, and a slow rate waits more than a second", () => {
    const limiter = new RateLimiter(() => 0);
    const slow = { per_second: 0.1, burst: 1 };
    expect(limiter.take("a", slow).ok).toBe(true);
    expect(limiter.take("a", slow)).toMatchObject({ ok: false, retryAfterSeconds: 10 });
    expect(limiter.take("b", slow).ok).toBe(true);
  });
});
