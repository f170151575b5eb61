import type { MiddlewareHandler } from "hono";
import { newId } from "../../lib/ids.js";
import type { AppEnv } from "../app-env.js";

/**
 * Gives every request a `req_…` id, echoed in `Request-Id` and in problem
 * bodies, so a platform's bug report can be matched to our logs.
 *
 * @example app.use(requestId())
 */
export const requestId = (): MiddlewareHandler<AppEnv> => (c, next) => {
  const id = newId("req");
  c.set("requestId", id);
  // Set before the handler runs: headers added to a finished response make
  // @hono/node-server materialise a full Web Response (streams and all) per request.
  c.header("Request-Id", id);
  return next(); // not awaited here: no frame of this function is held while the request runs
};
