import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../app-env.js";

/**
 * One debug line per request: method, path, status, time and the key's id.
 * Never headers or the key itself: a log must not hand out credentials.
 *
 * @example app.use(accessLog())
 */
export const accessLog = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  const started = performance.now();
  await next();
  const principal = c.get("principal");
  c.get("services")?.logger.debug("request", {
    requestId: c.get("requestId"),
    method: c.req.method,
    path: c.req.path,
    status: c.res.status,
    ms: Math.round((performance.now() - started) * 10) / 10,
    ...(principal ? { key: principal.keyId } : {}),
  });
};
