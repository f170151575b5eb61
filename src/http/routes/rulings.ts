import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import { DECISIONS, rulingSchema, slugSchema } from "../../domain/index.js";
import { currentRuling, getRuling, listRulings } from "../../rulings/read-rulings.js";
import type { AppEnv } from "../app-env.js";
import { access } from "../middleware/authorize.js";
import { communityIdParams, communityParams, json, pageQuery, problems } from "../schemas.js";

/** A platform's content id, as `content.id` takes it on moderate. */
const contentId = z.string().min(1).max(256);

export const getRulingRoute = createRoute({
  method: "get",
  path: "/v1/communities/{community}/rulings/{id}",
  operationId: "getRuling",
  ...access("platform", "moderator", "editor"),
  tags: ["rulings"],
  summary: "Fetch a ruling",
  request: { params: communityIdParams },
  responses: { 200: json(rulingSchema, "The ruling"), ...problems(401, 403, 429, 400, 404) },
});

export const listRulingsRoute = createRoute({
  method: "get",
  path: "/v1/communities/{community}/rulings",
  operationId: "listRulings",
  ...access("platform", "moderator", "editor"),
  tags: ["rulings"],
  summary: "List rulings, newest first",
  request: {
    params: communityParams,
    query: pageQuery(50, 200).extend({
      decision: z.enum(DECISIONS).optional(),
      norm: slugSchema.optional().meta({ description: "Only rulings that engaged this norm." }),
      content_id: contentId
        .optional()
        .meta({ description: "Only rulings of this content id (every edit and decision)." }),
      since: z.iso.datetime({ offset: true }).optional(),
      until: z.iso.datetime({ offset: true }).optional(),
    }),
  },
  responses: {
    200: json(
      z.object({ data: z.array(rulingSchema), next_cursor: z.string().nullable() }).meta({ id: "RulingPage" }),
      "A page of rulings",
    ),
    ...problems(401, 403, 429, 400, 404),
  },
});

export const currentRulingRoute = createRoute({
  method: "get",
  operationId: "getCurrentRuling",
  path: "/v1/communities/{community}/contents/{content_id}/ruling",
  ...access("platform", "moderator", "editor"),
  tags: ["rulings"],
  summary: "The ruling in force for a content id: the newest one nothing superseded",
  request: {
    params: communityParams.extend({
      content_id: contentId.meta({ param: { name: "content_id", in: "path" }, example: "post-1001" }),
    }),
  },
  responses: { 200: json(rulingSchema, "The current ruling"), ...problems(401, 403, 429, 400, 404) },
});

export const registerRulings = (app: OpenAPIHono<AppEnv>) => {
  app.openapi(getRulingRoute, async (c) => {
    const { community, id } = c.req.valid("param");
    return c.json(await getRuling(c.get("services"), community, id), 200);
  });
  app.openapi(listRulingsRoute, async (c) => {
    const { community } = c.req.valid("param");
    const q = c.req.valid("query");
    const page = await listRulings(c.get("services"), community, {
      limit: q.limit,
      ...(q.decision ? { decision: q.decision } : {}),
      ...(q.norm ? { norm: q.norm } : {}),
      ...(q.content_id !== undefined ? { contentId: q.content_id } : {}),
      ...(q.since ? { since: new Date(q.since) } : {}),
      ...(q.until ? { until: new Date(q.until) } : {}),
      ...(q.cursor ? { cursor: q.cursor } : {}),
    });
    return c.json(page, 200);
  });
  app.openapi(currentRulingRoute, async (c) => {
    const { community, content_id } = c.req.valid("param");
    return c.json(await currentRuling(c.get("services"), community, content_id), 200);
  });
};
