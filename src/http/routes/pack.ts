import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import { readPackFiles } from "../../proposals/read-pack.js";
import type { AppEnv } from "../app-env.js";
import { access } from "../middleware/authorize.js";
import { communityParams, json, problems } from "../schemas.js";

export const getPackRoute = createRoute({
  method: "get",
  path: "/v1/communities/{community}/pack",
  operationId: "getPack",
  ...access("editor", "moderator"),
  tags: ["norms"],
  summary: "A norm-set version as the files of a pack folder (what `mores norms pull` writes)",
  request: {
    params: communityParams,
    query: z.object({
      version: z.coerce.number().int().min(1).optional().meta({ description: "Default: the version in force." }),
    }),
  },
  responses: {
    200: json(
      z
        .object({
          community: z.string(),
          version: z.number().int(),
          in_force: z.boolean(),
          files: z.record(z.string(), z.string()),
        })
        .meta({ id: "PackFiles" }),
      "The pack's files by path",
    ),
    ...problems(401, 403, 429, 400, 404),
  },
});

export const registerPack = (app: OpenAPIHono<AppEnv>) => {
  app.openapi(getPackRoute, async (c) =>
    c.json(await readPackFiles(c.get("services"), c.req.valid("param").community, c.req.valid("query").version), 200),
  );
};
