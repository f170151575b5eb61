export type RetryPolicy = {
  /** The delay after the first failed attempt; each further failure doubles it. */
  baseMs: number;
  /** The longest delay between two attempts. */
  capMs: number;
  /** Attempts in all, the first included; after the last failure the delivery is `failed`. */
  maxAttempts: number;
};

export const DEFAULT_RETRY: RetryPolicy = { baseMs: 1000, capMs: 3_600_000, maxAttempts: 12 };

/** Jitter of up to this share of the delay, so deliveries that failed together do not all retry together. */
const JITTER = 0.1;

/**
 * What follows a failed attempt, as a pure function of the attempts made so
 * far: `failed` after the last one, otherwise the next attempt after
 * min(base * 2^(attempts-1), cap), stretched by a little jitter.
 * With the defaults: 1 s, 2 s, 4 s … 17 min, about 34 min of retries in all.
 */
export function afterFailure(
  attempts: number,
  now: Date,
  policy: RetryPolicy,
  random: () => number = Math.random,
): { status: "failed" } | { status: "pending"; nextAttemptAt: Date } {
  if (attempts >= policy.maxAttempts) return { status: "failed" };
  const delay = Math.min(policy.baseMs * 2 ** Math.max(0, attempts - 1), policy.capMs);
  return { status: "pending", nextAttemptAt: new Date(now.getTime() + Math.round(delay * (1 + JITTER * random()))) };
}
