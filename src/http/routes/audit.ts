import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import { listAudit } from "../../audit/list-audit.js";
import type { AppEnv } from "../app-env.js";
import { access } from "../middleware/authorize.js";
import { communityParams, json, pageQuery, problems } from "../schemas.js";

const auditEventSchema = z.object({
  id: z.string(),
  action: z.string(),
  actor: z.object({ key: z.string(), role: z.string(), name: z.string().nullable() }),
  target: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
  at: z.string(),
});

export const listAuditRoute = createRoute({
  method: "get",
  path: "/v1/communities/{community}/audit",
  operationId: "listAuditEvents",
  ...access(),
  tags: ["audit"],
  summary: "The audit log: who created keys, changed settings, proposed, approved and adopted what, and when",
  request: {
    params: communityParams,
    query: pageQuery(50, 200).extend({
      target: z.string().max(64).optional().meta({ description: "Only events about this proposal, key or community." }),
    }),
  },
  responses: {
    200: json(
      z.object({ data: z.array(auditEventSchema), next_cursor: z.string().nullable() }).meta({ id: "AuditEventPage" }),
      "Newest first",
    ),
    ...problems(401, 403, 429, 400, 404),
  },
});

export const registerAudit = (app: OpenAPIHono<AppEnv>) => {
  app.openapi(listAuditRoute, async (c) => {
    const q = c.req.valid("query");
    return c.json(
      await listAudit(c.get("services"), c.req.valid("param").community, {
        limit: q.limit,
        ...(q.target ? { target: q.target } : {}),
        ...(q.cursor ? { cursor: q.cursor } : {}),
      }),
      200,
    );
  });
};
