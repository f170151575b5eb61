import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { isDatabaseUnavailable, withDeadline } from "../../db/failure.js";
import { errorFields } from "../../lib/error-fields.js";
import type { AppEnv } from "../app-env.js";
import { openAccess } from "../openapi.js";
import { json, problems } from "../schemas.js";

/** How long /ready waits for the database: a load balancer's probe must get an answer, not a hang. */
const READY_DEADLINE_MS = 1500;

const unavailableSchema = z
  .object({
    status: z.literal("unavailable"),
    reason: z.enum(["starting", "database_unavailable", "norms_unavailable"]),
  })
  .meta({ id: "Unavailable" });

export const healthRoute = createRoute({
  method: "get",
  path: "/health",
  operationId: "getHealth",
  ...openAccess,
  tags: ["operations"],
  summary: "The process is up",
  responses: {
    200: json(z.object({ status: z.literal("ok") }).meta({ id: "Health" }), "Alive"),
    // A malformed %-escape in the query is refused before any route (src/http/middleware/well-formed.ts).
    ...problems(400),
  },
});

export const readyRoute = createRoute({
  method: "get",
  path: "/ready",
  operationId: "getReadiness",
  ...openAccess,
  tags: ["operations"],
  summary: "The database answers and norms are loaded",
  responses: {
    200: json(
      z
        .object({ status: z.literal("ready"), database: z.literal("ok"), norm_set_version: z.number().int() })
        .meta({ id: "Readiness" }),
      "Ready",
    ),
    ...problems(400),
    503: json(unavailableSchema, "Not ready, and why; with Retry-After"),
  },
});

type Reason = z.infer<typeof unavailableSchema>["reason"];

/** /health and /ready bypass admission control: they answer even when /v1 is at capacity. */
export const registerHealth = (app: OpenAPIHono<AppEnv>, defaultCommunity: string) => {
  app.openapi(healthRoute, (c) => c.json({ status: "ok" as const }, 200));
  app.openapi(readyRoute, async (c) => {
    const services = c.get("services");
    const unavailable = (reason: Reason) =>
      c.json({ status: "unavailable" as const, reason }, 503, { "retry-after": "2" });
    if (!services.ready()) return unavailable("starting");
    try {
      await withDeadline(services.db.execute(sql`select 1`), READY_DEADLINE_MS);
    } catch (e) {
      services.logger.warn("not ready: database", errorFields(e));
      return unavailable("database_unavailable");
    }
    try {
      const set = await withDeadline(services.normSets.current(defaultCommunity), READY_DEADLINE_MS);
      return c.json({ status: "ready" as const, database: "ok" as const, norm_set_version: set.version }, 200);
    } catch (e) {
      services.logger.warn("not ready: norms", errorFields(e));
      return unavailable(isDatabaseUnavailable(e) ? "database_unavailable" : "norms_unavailable");
    }
  });
};
