import type { RateLimit, Taken } from "../access/rate-limiter.js";

/**
 * The IETF draft's fields (draft-ietf-httpapi-ratelimit-headers-10):
 * `RateLimit-Policy: "key";q=<burst>;w=<seconds to refill it>` and
 * `RateLimit: "key";r=<requests left now>;t=<seconds until full again>`.
 * A token bucket is described as the quota it can spend at once and the
 * window that quota takes to come back.
 */
export function rateLimitHeaders(limit: RateLimit, taken: Taken): Record<string, string> {
  const window = Math.max(1, Math.ceil(limit.burst / limit.per_second));
  return {
    "RateLimit-Policy": `"key";q=${limit.burst};w=${window}`,
    RateLimit: `"key";r=${taken.remaining};t=${taken.resetSeconds}`,
  };
}
