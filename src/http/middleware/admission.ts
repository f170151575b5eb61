import type { MiddlewareHandler } from "hono";
import { MoresError } from "../../domain/index.js";
import type { AppEnv } from "../app-env.js";

/**
 * Admission control: at most `maxInFlight` requests are worked on at once;
 * the next one gets a 503 `overloaded` with `Retry-After` at once, instead of
 * waiting behind the others for seconds and making everyone late. Mounted on
 * /v1 only, so /health and /ready keep answering while the API is full.
 * The count is per process (per isolate on Workers). 0 turns it off.
 *
 * @example app.use("/v1/*", admission(256))
 */
export const admission = (maxInFlight: number): MiddlewareHandler<AppEnv> => {
  let inFlight = 0;
  return async (_c, next) => {
    if (maxInFlight === 0) return next();
    if (inFlight >= maxInFlight) {
      throw new MoresError("overloaded", `this server is working on ${maxInFlight} requests; retry shortly`);
    }
    inFlight++;
    try {
      await next();
    } finally {
      inFlight--;
    }
  };
};
