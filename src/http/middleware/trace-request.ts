import { context, propagation, SpanKind, type TextMapGetter } from "@opentelemetry/api";
import type { MiddlewareHandler } from "hono";
import { inSpan, tracingOn } from "../../lib/tracing.js";
import type { AppEnv } from "../app-env.js";

const fromHeaders: TextMapGetter<Headers> = {
  get: (headers, key) => headers.get(key) ?? undefined,
  keys: (headers) => [...headers.keys()],
};

/**
 * One server span per request, the parent of every stage's span. A W3C
 * `traceparent` (and `tracestate`) from the platform is honoured, so its trace
 * continues into mores. The span is named by method until the route is known;
 * the access log (which runs inside it) names it by route template and adds
 * the status, the same record the log line and the metrics hold. Off (no SDK
 * registered), extract and the span are the API's no-ops.
 *
 * @example app.use(traceRequest())
 */
export const traceRequest = (): MiddlewareHandler<AppEnv> => (c, next) => {
  if (!tracingOn()) return next();
  const parent = propagation.extract(context.active(), c.req.raw.headers, fromHeaders);
  return inSpan(
    c.req.method,
    { "http.request.method": c.req.method, "mores.request_id": c.get("requestId") },
    () => next(),
    { kind: SpanKind.SERVER, parent },
  );
};
