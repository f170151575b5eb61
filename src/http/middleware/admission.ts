import type { MiddlewareHandler } from "hono";
import { MoresError } from "../../domain/index.js";
import type { AdmissionGate } from "../admission-gate.js";
import type { AppEnv } from "../app-env.js";

/**
 * Admission control: at most the gate's bound of requests are worked on at
 * once; the next one gets a 503 `overloaded` with `Retry-After` at once,
 * instead of waiting behind the others for seconds and making everyone late.
 * Mounted on /v1 only, so /health and /ready keep answering while the API is
 * full. The count is per process (per isolate on Workers).
 *
 * @example app.use("/v1/*", admission(new AdmissionGate(256)))
 */
export const admission = (gate: AdmissionGate): MiddlewareHandler<AppEnv> => {
  return async (_c, next) => {
    if (gate.max === 0) return next();
    if (!gate.enter()) {
      throw new MoresError("overloaded", `this server is working on ${gate.max} requests; retry shortly`);
    }
    try {
      await next();
    } finally {
      gate.leave();
    }
  };
};
