import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import { dsaStatementSchema, slugSchema } from "../../domain/index.js";
import { listPrecedents } from "../../precedents/list-precedents.js";
import { getStatement } from "../../statements/get-statement.js";
import { transparency } from "../../statements/transparency.js";
import type { AppEnv } from "../app-env.js";
import { access } from "../middleware/authorize.js";
import { communityParams, json, problems } from "../schemas.js";

const statementRoute = createRoute({
  method: "get",
  path: "/v1/communities/{community}/rulings/{id}/statement",
  operationId: "getStatementOfReasons",
  ...access("platform", "moderator"),
  tags: ["rulings"],
  summary: "Statement of reasons: for the author, and for the EU DSA Transparency Database",
  request: {
    params: communityParams.extend({
      id: z
        .string()
        .min(1)
        .max(64)
        .meta({ param: { name: "id", in: "path" } }),
    }),
  },
  responses: {
    200: json(
      z
        .object({
          author: z.record(z.string(), z.unknown()),
          dsa: dsaStatementSchema.nullable(),
          dsa_note: z.string().optional(),
        })
        .meta({ id: "StatementOfReasons" }),
      "The statement; `dsa` is null when nothing was restricted",
    ),
    ...problems(401, 403, 429, 400, 404),
  },
});

const transparencyRoute = createRoute({
  method: "get",
  path: "/v1/communities/{community}/transparency",
  operationId: "getTransparencyReport",
  ...access("platform", "moderator", "editor"),
  tags: ["transparency"],
  summary: "Per norm over a time range: rulings, violations, exceptions, reviews, appeals, overturn rate",
  request: {
    params: communityParams,
    query: z.object({
      since: z.iso.datetime({ offset: true }).optional(),
      until: z.iso.datetime({ offset: true }).optional(),
    }),
  },
  responses: {
    200: json(
      z.record(z.string(), z.unknown()).meta({ id: "TransparencyReport" }),
      "Figures per norm; needs_rewriting flags norms whose decisions are often overturned",
    ),
    ...problems(401, 403, 429, 400, 404),
  },
});

const precedentsRoute = createRoute({
  method: "get",
  path: "/v1/communities/{community}/norms/{id}/precedents",
  operationId: "listPrecedents",
  ...access("platform", "moderator", "editor"),
  tags: ["norms"],
  summary: "Decided reviews and appeals that interpreted this norm, newest first",
  request: { params: communityParams.extend({ id: slugSchema.meta({ param: { name: "id", in: "path" } }) }) },
  responses: {
    200: json(
      z.object({ data: z.array(z.record(z.string(), z.unknown())) }).meta({ id: "PrecedentList" }),
      "Precedents",
    ),
    ...problems(401, 403, 429, 400, 404),
  },
});

export const registerStatements = (app: OpenAPIHono<AppEnv>) => {
  app.openapi(statementRoute, async (c) => {
    const { community, id } = c.req.valid("param");
    return c.json(await getStatement(c.get("services"), community, id), 200);
  });
  app.openapi(transparencyRoute, async (c) => {
    const q = c.req.valid("query");
    const range = {
      ...(q.since ? { since: new Date(q.since) } : {}),
      ...(q.until ? { until: new Date(q.until) } : {}),
    };
    return c.json(await transparency(c.get("services"), c.req.valid("param").community, range), 200);
  });
  app.openapi(precedentsRoute, async (c) => {
    const { community, id } = c.req.valid("param");
    return c.json(await listPrecedents(c.get("services"), community, id), 200);
  });
};
