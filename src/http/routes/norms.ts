import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import { normSchema, slugSchema } from "../../domain/index.js";
import { getNorm, listNorms } from "../../norms/read-norms.js";
import type { AppEnv } from "../app-env.js";
import { access } from "../middleware/authorize.js";
import { communityParams, json, problems } from "../schemas.js";

const versionedNorm = normSchema.extend({ version: z.number().int() });

export const listNormsRoute = createRoute({
  method: "get",
  path: "/v1/communities/{community}/norms",
  operationId: "listNorms",
  ...access("platform", "editor", "moderator"),
  tags: ["norms"],
  summary: "The norms in force, each with its exact version",
  request: { params: communityParams },
  responses: {
    200: json(
      z
        .object({ community: z.string(), norm_set_version: z.number().int(), norms: z.array(versionedNorm) })
        .meta({ id: "NormSetInForce" }),
      "The norm set in force",
    ),
    ...problems(401, 403, 429, 400, 404),
  },
});

export const getNormRoute = createRoute({
  method: "get",
  path: "/v1/communities/{community}/norms/{id}",
  operationId: "getNorm",
  ...access("platform", "editor", "moderator"),
  tags: ["norms"],
  summary: "One norm with all its versions",
  request: { params: communityParams.extend({ id: slugSchema.meta({ param: { name: "id", in: "path" } }) }) },
  responses: {
    200: json(
      z
        .object({
          id: z.string(),
          current_version: z
            .number()
            .int()
            .nullable()
            .meta({ description: "null when the norm is no longer in force." }),
          versions: z.array(z.object({ version: z.number().int(), created_at: z.string(), norm: normSchema })),
        })
        .meta({ id: "NormHistory" }),
      "The norm's versions, oldest first",
    ),
    ...problems(401, 403, 429, 400, 404),
  },
});

export const registerNorms = (app: OpenAPIHono<AppEnv>) => {
  app.openapi(listNormsRoute, async (c) =>
    c.json(await listNorms(c.get("services"), c.req.valid("param").community), 200),
  );
  app.openapi(getNormRoute, async (c) => {
    const { community, id } = c.req.valid("param");
    return c.json(await getNorm(c.get("services"), community, id), 200);
  });
};
