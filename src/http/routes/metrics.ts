import type { OpenAPIHono } from "@hono/zod-openapi";
import { MoresError } from "../../domain/index.js";
import type { MetricsEndpoint } from "../../lib/metrics-port.js";
import type { AppEnv } from "../app-env.js";

/**
 * `GET /metrics`, Prometheus' text format, for the operator's key only: the
 * figures span every community. Registered only where the runtime has
 * metrics (Node); elsewhere the path is a 404 like any unknown one. An
 * operator who would rather not hand Prometheus a key sets
 * MORES_METRICS_PORT, which serves the same text on its own port.
 */
export function registerMetrics(app: OpenAPIHono<AppEnv>, endpoint: MetricsEndpoint | undefined): void {
  if (!endpoint) return;
  app.get("/metrics", async (c) => {
    const caller = await c.get("services").auth.authenticate(c.req.header("authorization"));
    if (!caller) {
      c.header("www-authenticate", 'Bearer realm="mores"');
      throw new MoresError("unauthenticated", "send the operator's key as `Authorization: Bearer <key>`");
    }
    if (caller.principal.kind !== "operator")
      throw new MoresError("forbidden", "GET /metrics needs the operator's key: its figures span every community");
    c.set("principal", caller.principal);
    return c.body(await endpoint.render(), 200, { "content-type": endpoint.contentType });
  });
}
