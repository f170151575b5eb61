import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { MoresError } from "../../domain/index.js";
import type { AppEnv } from "../app-env.js";
import { json, problems } from "../schemas.js";

export const healthRoute = createRoute({
  method: "get",
  path: "/health",
  tags: ["operations"],
  summary: "The process is up",
  responses: { 200: json(z.object({ status: z.literal("ok") }), "Alive") },
});

export const readyRoute = createRoute({
  method: "get",
  path: "/ready",
  tags: ["operations"],
  summary: "The database answers and norms are loaded",
  responses: {
    200: json(
      z.object({ status: z.literal("ready"), database: z.literal("ok"), norm_set_version: z.number().int() }),
      "Ready",
    ),
    ...problems(503),
  },
});

export const registerHealth = (app: OpenAPIHono<AppEnv>, defaultCommunity: string) => {
  app.openapi(healthRoute, (c) => c.json({ status: "ok" as const }, 200));
  app.openapi(readyRoute, async (c) => {
    const services = c.get("services");
    if (!services.ready()) throw new MoresError("not_ready", "starting: migrations or norm loading not finished");
    try {
      await services.db.execute(sql`select 1`);
      const set = await services.normSets.current(defaultCommunity);
      return c.json({ status: "ready" as const, database: "ok" as const, norm_set_version: set.version }, 200);
    } catch (e) {
      throw new MoresError("not_ready", `not ready: ${(e as Error).message}`);
    }
  });
};
