import { describe, expect, it } from "vitest";
import { afterFailure, DEFAULT_RETRY } from "../../src/webhooks/backoff.js";

const NOW = new Date("2026-11-22T00:00:00.000Z");
const delay = (o: ReturnType<typeof afterFailure>) =>
  o.status === "pending" ? o.nextAttemptAt.getTime() - NOW.getTime() : null;

describe("webhook retry backoff", () => {
  it.each([
    [1, 1000],
    [2, 2000],
    [3, 4000],
    [6, 32_000],
    [11, 1_024_000],
  ])("after attempt %i the next waits %i ms (no jitter)", (attempts, ms) => {
    expect(delay(afterFailure(attempts, NOW, DEFAULT_RETRY, () => 0))).toBe(ms);
  });

  it("adds at most 10% jitter", () => {
    expect(delay(afterFailure(3, NOW, DEFAULT_RETRY, () => 0.999_999))).toBe(4400);
  });

  it("never waits longer than the cap", () => {
    const policy = { baseMs: 1000, capMs: 60_000, maxAttempts: 50 };
    expect(delay(afterFailure(30, NOW, policy, () => 0))).toBe(60_000);
  });

  it("gives up after maxAttempts", () => {
    expect(afterFailure(12, NOW, DEFAULT_RETRY)).toEqual({ status: "failed" });
    expect(afterFailure(11, NOW, DEFAULT_RETRY).status).toBe("pending");
    expect(afterFailure(1, NOW, { ...DEFAULT_RETRY, maxAttempts: 1 })).toEqual({ status: "failed" });
  });
});
