import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import { getCommunity, listCommunities } from "../../communities/community-view.js";
import { createCommunity } from "../../communities/create-community.js";
import { updateCommunity } from "../../communities/update-community.js";
import { communitySettingsPatchSchema, communitySettingsSchema, slugSchema } from "../../domain/index.js";
import type { AppEnv } from "../app-env.js";
import { access, operatorOnly } from "../middleware/authorize.js";
import { communityParams, json, problems, requestBody } from "../schemas.js";

const communitySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    settings: communitySettingsSchema,
    norm_set_version: z.number().int(),
    created_at: z.string(),
  })
  .meta({ id: "Community" });

export const createCommunityRoute = createRoute({
  method: "post",
  path: "/v1/communities",
  operationId: "createCommunity",
  ...operatorOnly,
  tags: ["communities"],
  summary: "Create a community (operator); its first norm set is the service's starter pack",
  request: {
    body: requestBody(
      z
        .strictObject({
          id: slugSchema.max(64),
          name: z.string().min(1).max(200),
          settings: communitySettingsPatchSchema.optional(),
        })
        .meta({ id: "CommunityRequest" }),
      { id: "knitting-circle", name: "The Knitting Circle" },
    ),
  },
  responses: { 201: json(communitySchema, "The community"), ...problems(401, 403, 429, 400, 409, 415) },
});

export const listCommunitiesRoute = createRoute({
  method: "get",
  path: "/v1/communities",
  operationId: "listCommunities",
  ...operatorOnly,
  tags: ["communities"],
  summary: "Every community (operator)",
  responses: {
    200: json(z.object({ data: z.array(communitySchema) }).meta({ id: "CommunityList" }), "Communities by id"),
    ...problems(401, 403, 429),
  },
});

export const getCommunityRoute = createRoute({
  method: "get",
  path: "/v1/communities/{community}",
  operationId: "getCommunity",
  ...access("platform", "editor", "moderator"),
  tags: ["communities"],
  summary: "A community, its settings and the norm-set version in force",
  request: { params: communityParams },
  responses: { 200: json(communitySchema, "The community"), ...problems(401, 403, 429, 400, 404) },
});

export const updateCommunityRoute = createRoute({
  method: "patch",
  path: "/v1/communities/{community}",
  operationId: "updateCommunity",
  ...access(),
  tags: ["communities"],
  summary: "Rename a community or change some of its settings (recorded in the audit log)",
  request: {
    params: communityParams,
    body: requestBody(
      z
        .strictObject({
          name: z.string().min(1).max(200).optional(),
          settings: communitySettingsPatchSchema.optional(),
        })
        .meta({ id: "CommunityUpdate" }),
      { settings: { appeal_window_days: 90, escalation: { hold_removals_from: "critical" } } },
    ),
  },
  responses: { 200: json(communitySchema, "The community as changed"), ...problems(401, 403, 429, 400, 404, 415) },
});

export const registerCommunities = (app: OpenAPIHono<AppEnv>) => {
  app.openapi(createCommunityRoute, async (c) =>
    c.json(await createCommunity(c.get("services"), c.req.valid("json"), c.get("principal")), 201),
  );
  app.openapi(listCommunitiesRoute, async (c) => c.json(await listCommunities(c.get("services")), 200));
  app.openapi(getCommunityRoute, async (c) =>
    c.json(await getCommunity(c.get("services"), c.req.valid("param").community), 200),
  );
  app.openapi(updateCommunityRoute, async (c) =>
    c.json(
      await updateCommunity(c.get("services"), c.req.valid("param").community, c.req.valid("json"), c.get("principal")),
      200,
    ),
  );
};
