import { SpanStatusCode } from "@opentelemetry/api";
import type { MiddlewareHandler } from "hono";
import { matchedRoutes } from "hono/route";
import { activeSpan } from "../../lib/tracing.js";
import type { AppEnv } from "../app-env.js";
import { recordRequest } from "../request-record.js";
import { routeCommunity } from "../route-community.js";

/** The route a request matched, as its template (`/v1/communities/:community/rulings/:id`); "unmatched" if none. */
export function routeTemplate(c: Parameters<MiddlewareHandler<AppEnv>>[0]): string {
  const handler = matchedRoutes(c)
    .filter((r) => r.method !== "ALL")
    .at(-1);
  return handler?.path ?? "unmatched";
}

/**
 * One info line and one metrics count per request (request-record.ts), by
 * route template: never the raw path, which may carry ids a platform
 * considers private. The request's span (trace-request.ts) is named by the
 * same record; a 5xx marks it failed.
 *
 * @example app.use(accessLog())
 */
export const accessLog = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  const started = performance.now();
  await next();
  const seconds = (performance.now() - started) / 1000;
  const route = routeTemplate(c);
  const principal = c.get("principal");
  let community: string | undefined;
  try {
    community = routeCommunity(c);
  } catch {
    community = undefined; // a malformed escape was already answered with a 400
  }
  const services = c.get("services");
  const span = activeSpan();
  if (span?.isRecording()) {
    span.updateName(`${c.req.method} ${route}`);
    span.setAttributes({
      "http.route": route,
      "http.response.status_code": c.res.status,
      ...(community !== undefined ? { "mores.community": community } : {}),
    });
    if (c.res.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
  }
  recordRequest(services, {
    requestId: c.get("requestId"),
    method: c.req.method,
    route,
    status: c.res.status,
    seconds,
    community,
    keyId: principal?.keyId,
  });
};
